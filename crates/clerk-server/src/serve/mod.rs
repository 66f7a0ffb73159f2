//! The HTTP/1.1 accept loop: hyper's connection builder with our limits, instead of
//! `axum::serve` (which sets no timer, so hyper's header-read timeout never runs, and caps
//! nothing). Handlers still see the peer address as `ConnectInfo<SocketAddr>`.
//!
//! Security rules (the settings are `[http]`, see [`crate::config::http`]):
//! - At most `max_connections` connections are open at once: a permit is taken *before*
//!   `accept`, so further connections wait in the kernel's accept queue (and the kernel refuses
//!   them once it is full) instead of costing memory or file descriptors here. The cap is lowered
//!   to fit the process's file-descriptor limit ([`fd_limit`]), so `accept` does not hit EMFILE.
//! - A request head must arrive whole within `header_read_timeout_seconds` (hyper's timer; in
//!   hyper 1.12 it starts whenever the connection waits for a head, so it also closes a
//!   keep-alive connection idle that long) and be at most `max_request_head_bytes` (hyper's
//!   `max_header_size`: it answers 431 and closes). The read buffer is capped at the same size
//!   (`max_buf_size`, a soft cap: one read may fill the buffer's spare capacity, up to about twice
//!   that), so a connection that starts a head holds about that much for at most that long.
//! - A connection on which no byte moves for `idle_timeout_seconds` is closed ([`idle`]): a
//!   keep-alive wait, a body or an answer that stalls (a client that never reads).
//! - If `accept` fails for want of resources (EMFILE, ENFILE, ENOBUFS, ENOMEM) the loop pauses
//!   briefly instead of spinning, and logs once until an accept succeeds again.

pub mod fd_limit;
pub mod idle;

use crate::config::http::HttpSettings;
use crate::config::Config;
use crate::error::AppError;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::Request;
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower::ServiceExt;

/// How long the accept loop waits after a resource error (EMFILE and the like).
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

/// Serves `router` on `listener` with the `[http]` limits of `config` until the process ends.
/// The returned future owns what it needs, so it can be spawned.
pub fn serve(
    router: Router,
    listener: TcpListener,
    config: &Config,
) -> impl Future<Output = Result<(), AppError>> + Send + 'static {
    let settings = config.file.http.clone();
    let cap = fd_limit::connection_cap(settings.max_connections, fd_limit::budget(config));
    accept_loop(router, listener, settings, cap)
}

async fn accept_loop(
    router: Router,
    listener: TcpListener,
    settings: HttpSettings,
    cap: usize,
) -> Result<(), AppError> {
    let permits = Arc::new(Semaphore::new(cap));
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(settings.header_read_timeout_seconds))
        .max_header_size(settings.max_request_head_bytes)
        .max_buf_size(settings.max_request_head_bytes)
        .keep_alive(true);
    let idle = Duration::from_secs(settings.idle_timeout_seconds);
    let mut short_of_resources = false;
    loop {
        let permit = Arc::clone(&permits)
            .acquire_owned()
            .await
            .map_err(|e| AppError::Internal(format!("connection permits: {e}")))?;
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => {
                short_of_resources = false;
                accepted
            }
            Err(e) if is_connection_error(&e) => continue,
            Err(e) => {
                if !short_of_resources {
                    crate::log::warn(&format!(
                        "accept failed ({e}); pausing new connections briefly"
                    ));
                    short_of_resources = true;
                }
                drop(permit);
                tokio::time::sleep(ACCEPT_PAUSE).await;
                continue;
            }
        };
        // Small answers go out at once; a failure here only costs latency.
        let _ = stream.set_nodelay(true);
        tokio::spawn(connection(
            builder.clone(),
            router.clone(),
            stream,
            peer,
            idle,
            permit,
        ));
    }
}

/// Errors of one connection that died while queued: nothing to wait for.
fn is_connection_error(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::*;
    matches!(
        e.kind(),
        ConnectionRefused | ConnectionAborted | ConnectionReset
    )
}

/// One connection, until it ends, fails, or stays idle too long; the permit is released when
/// it is dropped.
async fn connection(
    builder: http1::Builder,
    router: Router,
    stream: TcpStream,
    peer: SocketAddr,
    idle: Duration,
    _permit: OwnedSemaphorePermit,
) {
    let activity = Arc::new(idle::Activity::new());
    let io = TokioIo::new(idle::Tracked::new(stream, Arc::clone(&activity)));
    let conn = builder.serve_connection(io, AppService { router, peer });
    tokio::select! {
        // Errors here are the peer's (a reset, a timeout, a malformed head hyper answered).
        _ = conn => {}
        () = idle::watchdog(&activity, idle) => {}
    }
}

/// The router as a hyper service, with the peer address in each request's extensions.
struct AppService {
    router: Router,
    peer: SocketAddr,
}

impl hyper::service::Service<Request<Incoming>> for AppService {
    type Response = axum::response::Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn call(&self, mut req: Request<Incoming>) -> Self::Future {
        req.extensions_mut().insert(ConnectInfo(self.peer));
        Box::pin(self.router.clone().oneshot(req.map(Body::new)))
    }
}
