//! A small allocator for the wasm build: power-of-two size classes with one free list each, fed
//! by a bump pointer over pages from `memory.grow`. It replaces the default dlmalloc, which costs
//! the wasm about 7 KB; an SDK holds a few kilobytes of live data, so rounding up to a power of
//! two wastes little.
//!
//! Every block of class `c` (2^c bytes, at least 16) is aligned to 2^c (up to one 64 KiB page),
//! so any block of a class serves any layout whose size and alignment fit the class. Padding
//! skipped to align a block is cut into naturally aligned power-of-two pieces and kept in the
//! free lists. wasm32 without threads runs one thread, so the state needs no lock.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;

/// The size of a wasm page.
pub const PAGE: usize = 65_536;
const MIN_CLASS: u32 = 4;
const CLASSES: usize = 32;

/// Where new pages come from: `grow(pages)` returns the address of the first new byte.
pub type Grow = fn(usize) -> Option<usize>;

/// The allocator's state: free list heads by class, and the bump region.
pub struct Heap {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
    grow: Grow,
}

/// The class of a layout: log2 of the block size that serves it.
pub fn class_of(size: usize, align: usize) -> u32 {
    let needed = size.max(align).max(1 << MIN_CLASS);
    needed.next_power_of_two().trailing_zeros()
}

impl Heap {
    /// An empty heap that takes pages from `grow`.
    pub const fn new(grow: Grow) -> Self {
        Self {
            free: [0; CLASSES],
            next: 0,
            end: 0,
            grow,
        }
    }

    /// A block for `layout`, or 0 when memory is exhausted.
    ///
    /// # Safety
    /// The addresses `grow` returns must be writable memory this heap owns.
    pub unsafe fn alloc(&mut self, layout: Layout) -> usize {
        let class = class_of(layout.size(), layout.align()) as usize;
        if class >= CLASSES || layout.align() > PAGE {
            return 0;
        }
        let head = self.free[class];
        if head != 0 {
            self.free[class] = *(head as *const usize);
            return head;
        }
        let size = 1usize << class;
        let align = size.min(PAGE);
        loop {
            let start = (self.next + align - 1) & !(align - 1);
            if self.next != 0 && start.checked_add(size).is_some_and(|e| e <= self.end) {
                self.keep_gap(start);
                self.next = start + size;
                return start;
            }
            let pages = size.div_ceil(PAGE) + 1;
            let Some(base) = (self.grow)(pages) else {
                return 0;
            };
            if base != self.end || self.next == 0 {
                self.keep_gap(self.end);
                self.next = base;
            }
            self.end = base + pages * PAGE;
        }
    }

    /// Puts the bump region's bytes from `self.next` up to `to` into the free lists, as naturally
    /// aligned power-of-two pieces.
    unsafe fn keep_gap(&mut self, to: usize) {
        let mut at = self.next;
        while at != 0 && at < to {
            let mut piece = 1usize << at.trailing_zeros();
            while at + piece > to {
                piece >>= 1;
            }
            if piece < 1 << MIN_CLASS {
                break;
            }
            self.push(at, piece.trailing_zeros() as usize);
            at += piece;
        }
    }

    unsafe fn push(&mut self, block: usize, class: usize) {
        // `get_mut`, not indexing: a bounds-check panic would link core::fmt's integer code.
        // (`class` always fits: it comes from `class_of` like the block's allocation.)
        if let Some(head) = self.free.get_mut(class) {
            *(block as *mut usize) = *head;
            *head = block;
        }
    }

    /// Returns a block that [`Heap::alloc`] gave out for `layout`.
    ///
    /// # Safety
    /// `block` must come from this heap's `alloc` with the same layout, and not be used again.
    pub unsafe fn dealloc(&mut self, block: usize, layout: Layout) {
        self.push(block, class_of(layout.size(), layout.align()) as usize);
    }
}

/// The heap as the global allocator of a single-threaded wasm module.
pub struct SingleThreaded(pub UnsafeCell<Heap>);

// SAFETY: wasm32 without the atomics feature has exactly one thread.
unsafe impl Sync for SingleThreaded {}

unsafe impl GlobalAlloc for SingleThreaded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        (*self.0.get()).alloc(layout) as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        (*self.0.get()).dealloc(ptr as usize, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if class_of(new_size, layout.align()) == class_of(layout.size(), layout.align()) {
            return ptr;
        }
        let Ok(new_layout) = Layout::from_size_align(new_size, layout.align()) else {
            return std::ptr::null_mut();
        };
        let new = self.alloc(new_layout);
        if !new.is_null() {
            std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            self.dealloc(ptr, layout);
        }
        new
    }
}

/// Pages from the wasm `memory.grow` instruction.
#[cfg(target_arch = "wasm32")]
pub fn wasm_grow(pages: usize) -> Option<usize> {
    let old = core::arch::wasm32::memory_grow(0, pages);
    (old != usize::MAX).then(|| old * PAGE)
}
