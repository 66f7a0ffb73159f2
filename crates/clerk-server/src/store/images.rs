//! Profile pictures in the database (the SQL in [`super::sql_images`]): setting one (stored once
//! per content hash), removing it, reading one to serve, and deleting what no user names any
//! more in the same transaction (see the rules there).

use super::args::{args, pg_only, stmt};
use super::conn::Conn;
use super::error::StoreResult;
use super::{sql_images, Db};

/// A stored image as served.
#[derive(Debug, Clone)]
pub struct StoredImage {
    /// Its `Content-Type` (`image/png`).
    pub content_type: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Takes, in `tx`, the PostgreSQL locks of `hashes` (sorted, each once, so two transactions
/// never wait on each other in a circle).
async fn lock_images(tx: &mut Conn<'_>, hashes: &[&str]) -> StoreResult<()> {
    let mut sorted: Vec<&str> = hashes.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    for hash in sorted {
        tx.execute(pg_only!(sql_images::LOCK_IMAGE_PG), &args![hash])
            .await?;
    }
    Ok(())
}

/// User `user_id`'s current image hash, read in `tx`.
pub(super) async fn image_of_user(tx: &mut Conn<'_>, user_id: &str) -> StoreResult<Option<String>> {
    let query = stmt!(sql_images::IMAGE_OF_USER);
    let found = tx
        .query_opt(query, &args![user_id], |r| r.opt_text(0))
        .await?;
    Ok(found.flatten())
}

/// Deletes, in `tx`, image `old` (if any) when no user names it any more; locks it first.
pub(super) async fn forget_if_unused(tx: &mut Conn<'_>, old: Option<&str>) -> StoreResult<()> {
    if let Some(old) = old {
        lock_images(tx, &[old]).await?;
        let query = stmt!(sql_images::DELETE_IMAGE_IF_UNUSED);
        tx.execute(query, &args![old]).await?;
    }
    Ok(())
}

impl Db {
    /// Makes image `hash` (`bytes` of `content_type`, stored unless it is already) user
    /// `user_id`'s picture at `url`; the previous one is deleted if no user names it.
    pub async fn set_profile_image(
        &self,
        user_id: &str,
        hash: &str,
        content_type: &str,
        bytes: &[u8],
        url: &str,
        now: i64,
    ) -> StoreResult<()> {
        let mut tx = self.begin().await?;
        let old = image_of_user(&mut tx, user_id).await?;
        let mut locks = vec![hash];
        locks.extend(old.as_deref());
        lock_images(&mut tx, &locks).await?;
        let insert = stmt!(sql_images::INSERT_IMAGE);
        tx.execute(insert, &args![hash, content_type, bytes, now])
            .await?;
        let set = stmt!(sql_images::SET_USER_IMAGE);
        tx.execute(set, &args![user_id, Some(hash), Some(url), now])
            .await?;
        if old.as_deref() != Some(hash) {
            forget_if_unused(&mut tx, old.as_deref()).await?;
        }
        self.commit_user_change(tx, user_id, now).await
    }

    /// Clears user `user_id`'s picture; its image is deleted if no user names it. `false` if
    /// the user had none.
    pub async fn remove_profile_image(&self, user_id: &str, now: i64) -> StoreResult<bool> {
        let mut tx = self.begin().await?;
        let old = image_of_user(&mut tx, user_id).await?;
        let none: Option<&str> = None;
        let set = stmt!(sql_images::SET_USER_IMAGE);
        tx.execute(set, &args![user_id, none, none, now]).await?;
        forget_if_unused(&mut tx, old.as_deref()).await?;
        self.commit_user_change(tx, user_id, now).await?;
        Ok(old.is_some())
    }

    /// Image `hash`, if stored.
    pub async fn profile_image(&self, hash: &str) -> StoreResult<Option<StoredImage>> {
        let query = stmt!(sql_images::FIND_IMAGE);
        self.reader()
            .query_opt(query, &args![hash], |r| {
                Ok(StoredImage {
                    content_type: r.text(0)?,
                    bytes: r.bytes(1)?,
                })
            })
            .await
    }
}
