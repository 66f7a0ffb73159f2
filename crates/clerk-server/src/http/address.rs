//! The client's address: the socket's peer, or, when that peer is one of `trusted_proxies`,
//! the address those proxies say they forwarded for (`X-Forwarded-For`, else RFC 7239
//! `Forwarded: for=`). And the key rate limits count an address under.
//!
//! Security rules:
//! - Forwarding headers are believed only from a trusted peer, and only as far as the chain of
//!   trusted proxies goes: the list is read from the right (the hop nearest to us), skipping
//!   trusted proxies, and the first address that is not one is the client. A client can prepend
//!   anything it likes to the header; it cannot get past the entry our own proxy appended.
//! - An entry that cannot be read stops the walk at the proxy that appended it (that proxy is
//!   then taken for the client), so a malformed header never lets a client pick its address.
//! - Rate limits count IPv4 clients per address and IPv6 clients per /64 (one subscriber's
//!   allocation), so rotating through the addresses of one prefix buys nothing.

use crate::error::AppError;
use axum::http::{header, HeaderMap};
use ipnet::IpNet;
use std::net::{IpAddr, Ipv6Addr, SocketAddr};

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

/// Parses `trusted_proxies` entries: addresses (`10.0.0.1`, `::1`) or CIDR ranges
/// (`10.0.0.0/8`, `fd00::/8`).
pub fn parse_proxies(list: &[String]) -> Result<TrustedProxies, AppError> {
    let mut nets = Vec::with_capacity(list.len());
    for entry in list {
        let entry = entry.trim();
        let net = match entry.parse::<IpNet>() {
            Ok(net) => net.trunc(),
            Err(_) => match entry.parse::<IpAddr>() {
                Ok(ip) => IpNet::from(canonical(ip)),
                Err(_) => {
                    return Err(AppError::Config(format!(
                        "trusted_proxies: {entry:?} is not an IP address or CIDR range"
                    )))
                }
            },
        };
        nets.push(net);
    }
    Ok(TrustedProxies(nets))
}

/// IPv4-mapped IPv6 addresses as IPv4.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// One hop of a forwarding header: `1.2.3.4`, `1.2.3.4:80`, `::1`, `[::1]:80`, quoted or not.
fn parse_hop(raw: &str) -> Option<IpAddr> {
    let raw = raw.trim().trim_matches('"');
    if let Ok(ip) = raw.parse::<IpAddr>() {
        return Some(canonical(ip));
    }
    if let Ok(sa) = raw.parse::<SocketAddr>() {
        return Some(canonical(sa.ip()));
    }
    let inner = raw.strip_prefix('[')?.split(']').next()?;
    inner
        .parse::<Ipv6Addr>()
        .ok()
        .map(|ip| canonical(IpAddr::V6(ip)))
}

/// The hops of the forwarding headers, nearest last: `X-Forwarded-For` if present, else the
/// `for=` parameters of `Forwarded`. `None` marks an entry that cannot be read.
fn hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name| {
        headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
    };
    let xff = values(header::HeaderName::from_static("x-forwarded-for"));
    if !xff.is_empty() {
        return xff
            .iter()
            .flat_map(|v| match v {
                Some(v) => v.split(',').map(parse_hop).collect(),
                None => vec![None],
            })
            .collect();
    }
    values(header::FORWARDED)
        .iter()
        .flat_map(|v| match v {
            Some(v) => v
                .split(',')
                .map(|element| {
                    element.split(';').find_map(|pair| {
                        let (k, val) = pair.split_once('=')?;
                        k.trim()
                            .eq_ignore_ascii_case("for")
                            .then(|| parse_hop(val))?
                    })
                })
                .collect(),
            None => vec![None],
        })
        .collect()
}

impl TrustedProxies {
    /// Whether `ip` is a trusted proxy.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request from `peer` with `headers` (see the module docs).
    pub fn client_ip(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = canonical(peer);
        if !self.contains(client) {
            return client;
        }
        for hop in hops(headers).into_iter().rev() {
            match hop {
                Some(ip) if self.contains(ip) => client = ip,
                Some(ip) => return ip,
                None => return client,
            }
        }
        client
    }
}

/// The key rate limits count `ip` under: the IPv4 address, or the IPv6 /64.
pub fn limit_key(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            let prefix = Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
            format!("{prefix}/64")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                header::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies_and_only_up_to_their_chain() {
        let proxies =
            parse_proxies(&["10.0.0.0/8".into(), "192.168.1.1".into(), "fd00::/8".into()]).unwrap();
        let spoofed = headers(&[("x-forwarded-for", "6.6.6.6, 1.2.3.4")]);
        // An untrusted peer's headers are ignored.
        assert_eq!(proxies.client_ip(ip("8.8.8.8"), &spoofed), ip("8.8.8.8"));
        // A trusted peer: the rightmost untrusted hop, whatever the client prepended.
        assert_eq!(proxies.client_ip(ip("10.1.2.3"), &spoofed), ip("1.2.3.4"));
        let chain = headers(&[
            ("x-forwarded-for", "1.2.3.4, 10.9.9.9"),
            ("x-forwarded-for", "192.168.1.1"),
        ]);
        assert_eq!(proxies.client_ip(ip("10.0.0.1"), &chain), ip("1.2.3.4"));
        let bad = headers(&[("x-forwarded-for", "1.2.3.4, not-an-ip")]);
        assert_eq!(proxies.client_ip(ip("10.0.0.1"), &bad), ip("10.0.0.1"));
        let fwd = headers(&[(
            "forwarded",
            "for=1.1.1.1, for=\"[2001:db8::17]:4711\";proto=https",
        )]);
        assert_eq!(proxies.client_ip(ip("fd00::1"), &fwd), ip("2001:db8::17"));
        assert_eq!(
            proxies.client_ip(ip("::ffff:10.0.0.1"), &spoofed),
            ip("1.2.3.4")
        );
        assert!(parse_proxies(&["nonsense".into()]).is_err());
    }

    #[test]
    fn ipv6_clients_are_counted_per_64() {
        assert_eq!(limit_key(ip("1.2.3.4")), "1.2.3.4");
        assert_eq!(limit_key(ip("2001:db8:1:2:3:4:5:6")), "2001:db8:1:2::/64");
        assert_eq!(limit_key(ip("2001:db8:1:2:ffff::1")), "2001:db8:1:2::/64");
        assert_eq!(limit_key(ip("::ffff:1.2.3.4")), "1.2.3.4");
    }
}
