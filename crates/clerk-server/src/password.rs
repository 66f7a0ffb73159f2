//! Password hashing with argon2id (m = 19456 KiB, t = 2, p = 1, the OWASP minimum), always on the
//! blocking thread pool so the async executor keeps serving other requests.
//!
//! Memory is bounded: at most [`hash_slots`] hashes run at once (a semaphore with one permit per
//! CPU), and each runs in a ~19 MiB block buffer taken from a small pool and put back afterwards,
//! so the process never holds more than that many buffers. (Letting argon2 allocate a fresh buffer
//! per hash on whichever blocking thread ran it made glibc keep hundreds of MiB after a few dozen
//! sign-ups: see `PERFORMANCE.md`.) Hashes are standard PHC strings
//! (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`); stored hashes are verified with the parameters and
//! salt they carry, and the outputs are compared in constant time.
//!
//! Unknown accounts are checked against a dummy hash, so a wrong password and an unknown email
//! cost the same time.

use crate::error::AppError;
use argon2::password_hash::{Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::sync::{Arc, Mutex, OnceLock};
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

/// Memory cost in KiB (= number of 1 KiB blocks) of new hashes.
const M_COST: u32 = 19_456;
/// Iterations of new hashes.
const T_COST: u32 = 2;
/// Lanes of new hashes.
const P_COST: u32 = 1;

fn internal(what: &str, e: impl std::fmt::Display) -> AppError {
    AppError::Internal(format!("{what}: {e}"))
}

/// How many hashes may run at once (the available parallelism, at least 1).
pub fn hash_slots() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn semaphore() -> Arc<Semaphore> {
    static SEM: OnceLock<Arc<Semaphore>> = OnceLock::new();
    SEM.get_or_init(|| Arc::new(Semaphore::new(hash_slots())))
        .clone()
}

/// Block buffers sized for new hashes, reused across calls. Only a semaphore holder takes one,
/// so at most [`hash_slots`] ever exist.
static POOL: Mutex<Vec<Vec<Block>>> = Mutex::new(Vec::new());

/// Runs `f` with a pooled block buffer of at least `blocks` blocks (a temporary one, not kept,
/// when a stored hash asks for more memory than new hashes use).
fn with_blocks<T>(blocks: usize, f: impl FnOnce(&mut [Block]) -> T) -> T {
    let standard = M_COST as usize;
    if blocks > standard {
        let mut tmp = vec![Block::default(); blocks];
        return f(&mut tmp);
    }
    let pooled = POOL.lock().ok().and_then(|mut p| p.pop());
    let mut buf = pooled.unwrap_or_else(|| vec![Block::default(); standard]);
    let out = f(&mut buf);
    if let Ok(mut p) = POOL.lock() {
        p.push(buf);
    }
    out
}

fn hasher(algorithm: Algorithm, version: Version, params: Params) -> Argon2<'static> {
    Argon2::new(algorithm, version, params)
}

fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt_bytes = crate::secrets::random_bytes::<16>()?;
    let salt = SaltString::encode_b64(&salt_bytes).map_err(|e| internal("salt", e))?;
    let params = Params::new(M_COST, T_COST, P_COST, Some(Params::DEFAULT_OUTPUT_LEN))
        .map_err(|e| internal("argon2 params", e))?;
    let argon = hasher(Algorithm::Argon2id, Version::V0x13, params.clone());
    let mut out = [0u8; Params::DEFAULT_OUTPUT_LEN];
    with_blocks(params.block_count(), |blocks| {
        argon.hash_password_into_with_memory(password.as_bytes(), &salt_bytes, &mut out, blocks)
    })
    .map_err(|e| internal("argon2 hash", e))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| internal("argon2 params", e))?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(|e| internal("argon2 output", e))?),
    };
    Ok(phc.to_string())
}

fn verify_blocking(password: &str, stored: &str) -> Result<bool, AppError> {
    let parsed = PasswordHash::new(stored).map_err(|e| internal("stored hash", e))?;
    let algorithm =
        Algorithm::try_from(parsed.algorithm).map_err(|e| internal("stored hash", e))?;
    let version = match parsed.version {
        Some(v) => Version::try_from(v).map_err(|e| internal("stored hash", e))?,
        None => Version::default(),
    };
    let params = Params::try_from(&parsed).map_err(|e| internal("stored hash", e))?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err(AppError::Internal("stored hash: no salt or hash".into()));
    };
    let mut salt_buf = [0u8; 64]; // a PHC salt is at most 64 B64 chars
    let salt_bytes = salt
        .decode_b64(&mut salt_buf)
        .map_err(|e| internal("stored hash", e))?;
    let argon = hasher(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    with_blocks(params.block_count(), |blocks| {
        argon.hash_password_into_with_memory(password.as_bytes(), salt_bytes, &mut out, blocks)
    })
    .map_err(|e| internal("argon2 verify", e))?;
    Ok(bool::from(out.as_slice().ct_eq(expected.as_bytes())))
}

fn dummy_hash() -> Result<&'static str, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h);
    }
    let h = hash_blocking("dummy password for unknown accounts")?;
    Ok(DUMMY.get_or_init(|| h))
}

/// Runs an argon2 job on the blocking pool once a hash slot is free; the slot is held until the
/// job ends, even if the caller's future is dropped meanwhile.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let permit = semaphore()
        .acquire_owned()
        .await
        .map_err(|e| internal("hash slot", e))?;
    tokio::task::spawn_blocking(move || {
        let result = f();
        drop(permit);
        result
    })
    .await
    .map_err(|e| internal("blocking task", e))?
}

/// Hashes a new password (PHC string).
pub async fn hash(password: String) -> Result<String, AppError> {
    blocking(move || hash_blocking(&password)).await
}

/// Checks `password` against `stored`, or against a dummy hash when there is no account, so
/// both cases take the same time. `Ok(false)` for a mismatch or no account.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    blocking(move || match stored {
        Some(stored) => verify_blocking(&password, &stored),
        None => {
            let _ = verify_blocking(&password, dummy_hash()?)?;
            Ok(false)
        }
    })
    .await
}

/// Computes the dummy hash ahead of the first sign-in (call once at start-up).
pub async fn warm_up() -> Result<(), AppError> {
    blocking(|| dummy_hash().map(|_| ())).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::password_hash::{PasswordHasher, PasswordVerifier};

    /// The previous implementation: argon2's own PHC hasher/verifier (fresh buffer per call).
    fn old_argon2() -> Argon2<'static> {
        Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(M_COST, T_COST, P_COST, None).unwrap(),
        )
    }

    fn old_hash(password: &str) -> String {
        let salt = SaltString::encode_b64(&crate::secrets::random_bytes::<16>().unwrap()).unwrap();
        old_argon2()
            .hash_password(password.as_bytes(), &salt)
            .unwrap()
            .to_string()
    }

    fn old_verify(password: &str, stored: &str) -> bool {
        let parsed = PasswordHash::new(stored).unwrap();
        old_argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    }

    #[tokio::test]
    async fn a_password_verifies_against_its_own_hash_only() {
        let h = hash("correct horse".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify("correct horse".into(), Some(h.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong horse".into(), Some(h)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }

    #[tokio::test]
    async fn hashes_of_the_old_and_new_paths_verify_with_each_other() {
        let old = old_hash("battery staple");
        assert!(verify("battery staple".into(), Some(old.clone()))
            .await
            .unwrap());
        assert!(!verify("battery stapler".into(), Some(old)).await.unwrap());

        let new = hash("battery staple".into()).await.unwrap();
        assert!(old_verify("battery staple", &new));
        assert!(!old_verify("battery stapler", &new));
        // Same PHC layout as argon2's own encoder: 22-char salt, 43-char output, no padding.
        let parts: Vec<&str> = new.split('$').collect();
        assert_eq!(parts.len(), 6, "{new}");
        assert_eq!((parts[4].len(), parts[5].len()), (22, 43), "{new}");
    }

    #[tokio::test]
    async fn a_reused_buffer_gives_the_same_result_as_a_fresh_one() {
        // Several hashes in a row through the pool, each checked by the fresh-buffer path.
        for i in 0..3 {
            let pw = format!("password number {i}");
            let h = hash(pw.clone()).await.unwrap();
            assert!(old_verify(&pw, &h), "{h}");
        }
    }

    #[test]
    fn malformed_stored_hashes_are_errors_not_panics() {
        for bad in [
            "",
            "plain",
            "$argon2id$v=19$m=19456,t=2,p=1$",
            "$argon2id$v=19$x=1$c2FsdA$aGFzaA",
        ] {
            assert!(verify_blocking("pw", bad).is_err(), "{bad}");
        }
    }
}
