//! Password hashing with argon2id (m = 19456 KiB, t = 2, p = 1, the OWASP minimum), always on the
//! blocking thread pool so the async executor keeps serving other requests.
//!
//! Unknown accounts are checked against a dummy hash, so a wrong password and an unknown email
//! cost the same time.

use crate::error::AppError;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::OnceLock;

fn argon2() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(19_456, 2, 1, None)
        .map_err(|e| AppError::Internal(format!("argon2 params: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt_bytes = crate::secrets::random_bytes::<16>()?;
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|e| AppError::Internal(format!("salt: {e}")))?;
    argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("argon2 hash: {e}")))
}

fn verify_blocking(password: &str, stored: &str) -> Result<bool, AppError> {
    let parsed =
        PasswordHash::new(stored).map_err(|e| AppError::Internal(format!("stored hash: {e}")))?;
    Ok(argon2()?
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

fn dummy_hash() -> Result<&'static str, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(h) = DUMMY.get() {
        return Ok(h);
    }
    let h = hash_blocking("dummy password for unknown accounts")?;
    Ok(DUMMY.get_or_init(|| h))
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(format!("blocking task: {e}")))?
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
}
