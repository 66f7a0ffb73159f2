//! A small SMTP server for tests, on 127.0.0.1 (port 0 at first): it speaks enough SMTP for a
//! real client (HELO/EHLO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT) and records each message
//! it accepts (recipients, subject, plain-text and HTML bodies, decoded with `mailparse`).
//!
//! - [`SmtpSink::next_to`] waits (with a timeout) for the next message to an address;
//! - [`SmtpSink::stop`] closes the port and every open connection, [`SmtpSink::restart`] opens
//!   the same port again (an SMTP server that is down for a while);
//! - [`SmtpSink::set_refusing`] answers `451` to `MAIL FROM` (a server that defers mail: the
//!   sender must retry).

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinSet;

/// One accepted message.
#[derive(Debug, Clone)]
pub struct SunkMail {
    /// `MAIL FROM` address.
    pub from: String,
    /// `RCPT TO` addresses.
    pub to: Vec<String>,
    /// The decoded `Subject:`.
    pub subject: String,
    /// The decoded `text/plain` part (or the whole body of a single-part message).
    pub text: String,
    /// The decoded `text/html` part, if any.
    pub html: Option<String>,
    /// The message as received (after dot-unstuffing).
    pub raw: String,
}

#[derive(Default)]
struct Shared {
    messages: Mutex<Vec<(SunkMail, bool)>>,
    arrived: Notify,
    refusing: AtomicBool,
    refusals: AtomicUsize,
    connections: AtomicUsize,
}

/// The sink; its port stays the same across [`Self::stop`] and [`Self::restart`].
pub struct SmtpSink {
    port: u16,
    shared: Arc<Shared>,
    tasks: Mutex<Option<JoinSet<()>>>,
}

fn listener_on(port: u16) -> TcpListener {
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_reuseaddr(true).unwrap();
    socket
        .bind(std::net::SocketAddr::from(([127, 0, 0, 1], port)))
        .unwrap();
    socket.listen(64).unwrap()
}

impl SmtpSink {
    /// Starts a sink on a free port.
    pub async fn start() -> Self {
        let listener = listener_on(0);
        let port = listener.local_addr().unwrap().port();
        let sink = Self {
            port,
            shared: Arc::new(Shared::default()),
            tasks: Mutex::new(None),
        };
        sink.serve(listener);
        sink
    }

    fn serve(&self, listener: TcpListener) {
        let mut tasks = JoinSet::new();
        let shared = self.shared.clone();
        tasks.spawn(async move {
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                shared.connections.fetch_add(1, Ordering::SeqCst);
                connections.spawn(session(stream, shared.clone()));
            }
        });
        *self.tasks.lock().unwrap() = Some(tasks);
    }

    /// `smtp://127.0.0.1:PORT` (plain: the sink offers no STARTTLS).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Its port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Closes the port and drops every connection (the server is down).
    pub async fn stop(&self) {
        let tasks = self.tasks.lock().unwrap().take();
        if let Some(mut tasks) = tasks {
            tasks.abort_all();
            while tasks.join_next().await.is_some() {}
        }
    }

    /// Listens on the same port again.
    pub async fn restart(&self) {
        self.stop().await;
        self.serve(listener_on(self.port));
    }

    /// From now on, `MAIL FROM` gets `451` (true) or `250` (false).
    pub fn set_refusing(&self, refusing: bool) {
        self.shared.refusing.store(refusing, Ordering::SeqCst);
    }

    /// How many `MAIL FROM` were refused so far.
    pub fn refusals(&self) -> usize {
        self.shared.refusals.load(Ordering::SeqCst)
    }

    /// How many connections were accepted so far.
    pub fn connections(&self) -> usize {
        self.shared.connections.load(Ordering::SeqCst)
    }

    /// Every message accepted so far, in order.
    pub fn messages(&self) -> Vec<SunkMail> {
        let messages = self.shared.messages.lock().unwrap();
        messages.iter().map(|(m, _)| m.clone()).collect()
    }

    /// The messages accepted so far for `to`.
    pub fn messages_to(&self, to: &str) -> Vec<SunkMail> {
        let to = to.to_ascii_lowercase();
        self.messages()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(&to)))
            .collect()
    }

    /// The next message to `to` not returned before, waiting at most `timeout`.
    pub async fn next_to(&self, to: &str, timeout: Duration) -> Option<SunkMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let arrived = self.shared.arrived.notified();
            {
                let mut messages = self.shared.messages.lock().unwrap();
                let found = messages
                    .iter_mut()
                    .find(|(m, taken)| !*taken && m.to.iter().any(|t| t.eq_ignore_ascii_case(to)));
                if let Some((m, taken)) = found {
                    *taken = true;
                    return Some(m.clone());
                }
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                return None;
            }
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(mut tasks) = self.tasks.lock().unwrap().take() {
            tasks.abort_all();
        }
    }
}

/// `<addr>` out of `MAIL FROM:<addr> ...` / `RCPT TO:<addr>`.
fn address(arg: &str) -> String {
    let arg = arg.trim();
    let inner = arg
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map_or(arg, |(a, _)| a);
    inner.trim().to_owned()
}

async fn session(stream: TcpStream, shared: Arc<Shared>) {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    if write.write_all(b"220 sink ESMTP test\r\n").await.is_err() {
        return;
    }
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let command = line.trim_end();
        let upper = command.to_ascii_uppercase();
        let answer: String = if upper.starts_with("EHLO") {
            "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n".into()
        } else if upper.starts_with("HELO") {
            "250 sink\r\n".into()
        } else if upper.starts_with("MAIL FROM:") {
            if shared.refusing.load(Ordering::SeqCst) {
                shared.refusals.fetch_add(1, Ordering::SeqCst);
                "451 4.3.2 try again later\r\n".into()
            } else {
                from = address(&command[10..]);
                to.clear();
                "250 2.1.0 ok\r\n".into()
            }
        } else if upper.starts_with("RCPT TO:") {
            if from.is_empty() {
                "503 5.5.1 MAIL first\r\n".into()
            } else {
                to.push(address(&command[8..]));
                "250 2.1.5 ok\r\n".into()
            }
        } else if upper == "DATA" {
            if to.is_empty() {
                "503 5.5.1 RCPT first\r\n".into()
            } else {
                if write.write_all(b"354 end with .\r\n").await.is_err() {
                    return;
                }
                let mut raw = String::new();
                loop {
                    line.clear();
                    match lines.read_line(&mut line).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    raw.push_str(line.strip_prefix('.').unwrap_or(&line));
                }
                let mail = parse(&from, &to, raw);
                shared.messages.lock().unwrap().push((mail, false));
                shared.arrived.notify_waiters();
                from.clear();
                to.clear();
                "250 2.0.0 queued\r\n".into()
            }
        } else if upper == "RSET" {
            from.clear();
            to.clear();
            "250 2.0.0 ok\r\n".into()
        } else if upper == "NOOP" {
            "250 2.0.0 ok\r\n".into()
        } else if upper == "QUIT" {
            let _ = write.write_all(b"221 2.0.0 bye\r\n").await;
            return;
        } else {
            "502 5.5.2 not implemented\r\n".into()
        };
        if write.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn parse(from: &str, to: &[String], raw: String) -> SunkMail {
    let parsed = mailparse::parse_mail(raw.as_bytes()).expect("a MIME message");
    let subject = parsed
        .headers
        .iter()
        .find(|h| h.get_key().eq_ignore_ascii_case("subject"))
        .map(|h| h.get_value())
        .unwrap_or_default();
    let part = |mime: &str| {
        if parsed.subparts.is_empty() {
            (parsed.ctype.mimetype == mime).then(|| parsed.get_body().unwrap())
        } else {
            parsed
                .subparts
                .iter()
                .find(|p| p.ctype.mimetype == mime)
                .map(|p| p.get_body().unwrap())
        }
    };
    SunkMail {
        from: from.to_owned(),
        to: to.to_vec(),
        subject,
        text: part("text/plain").unwrap_or_default(),
        html: part("text/html"),
        raw,
    }
}
