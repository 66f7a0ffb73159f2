//! The allocator of the wasm build, run natively over a fake memory.

use crate::heap::{class_of, Heap, PAGE};
use std::alloc::Layout;
use std::cell::Cell;

thread_local! {
    static MEMORY: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
}

/// Hands out pages of one leaked 16 MiB buffer, contiguously, like `memory.grow`.
fn fake_grow(pages: usize) -> Option<usize> {
    MEMORY.with(|m| {
        let (mut next, mut end) = m.get();
        if end == 0 {
            let buffer = vec![0u8; 256 * PAGE].leak();
            next = (buffer.as_ptr() as usize).next_multiple_of(PAGE);
            end = buffer.as_ptr() as usize + buffer.len();
        }
        let base = next;
        let new_next = base + pages * PAGE;
        if new_next > end {
            return None;
        }
        m.set((new_next, end));
        Some(base)
    })
}

#[test]
fn classes_are_powers_of_two_of_at_least_sixteen_bytes() {
    assert_eq!(class_of(0, 1), 4);
    assert_eq!(class_of(16, 8), 4);
    assert_eq!(class_of(17, 1), 5);
    assert_eq!(class_of(8, 64), 6);
    assert_eq!(class_of(70_000, 4), 17);
}

#[test]
fn blocks_are_aligned_disjoint_and_reused_after_free() {
    let mut heap = Heap::new(fake_grow);
    let mut live: Vec<(usize, Layout, u8)> = Vec::new();
    let mut seed = 12345u32;
    for round in 0..2000u32 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let free_one = seed.is_multiple_of(3) && !live.is_empty();
        if free_one {
            let (block, layout, fill) = live.swap_remove((seed as usize / 3) % live.len());
            let bytes = unsafe { std::slice::from_raw_parts(block as *const u8, layout.size()) };
            assert!(bytes.iter().all(|&b| b == fill), "a block was overwritten");
            unsafe { heap.dealloc(block, layout) };
            continue;
        }
        let size = [1, 7, 16, 24, 100, 500, 3000, 20_000][(seed >> 8) as usize % 8];
        let align = [1, 4, 8, 16, 128][(seed >> 12) as usize % 5];
        let layout = Layout::from_size_align(size, align).unwrap();
        let block = unsafe { heap.alloc(layout) };
        assert_ne!(block, 0, "round {round}: out of memory");
        assert_eq!(block % align, 0);
        let fill = (round % 251) as u8;
        unsafe { std::ptr::write_bytes(block as *mut u8, fill, size) };
        live.push((block, layout, fill));
    }
    for (block, layout, fill) in live {
        let bytes = unsafe { std::slice::from_raw_parts(block as *const u8, layout.size()) };
        assert!(bytes.iter().all(|&b| b == fill), "a block was overwritten");
    }
}

#[test]
fn a_freed_block_is_handed_out_again_for_its_class() {
    let mut heap = Heap::new(fake_grow);
    let layout = Layout::from_size_align(40, 8).unwrap();
    let a = unsafe { heap.alloc(layout) };
    unsafe { heap.dealloc(a, layout) };
    let b = unsafe { heap.alloc(Layout::from_size_align(64, 4).unwrap()) };
    assert_eq!(a, b);
    let big = unsafe { heap.alloc(Layout::from_size_align(200_000, 8).unwrap()) };
    assert!(big != 0 && big % PAGE == 0);
}
