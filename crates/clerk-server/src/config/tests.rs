//! The config file's defaults and refusals.

use super::*;

#[test]
fn an_empty_file_gives_the_documented_defaults() {
    let c = FileConfig::from_toml("").unwrap();
    assert_eq!(c.max_sessions_per_client, 5);
    assert_eq!(c.lifetime_policy().max_lifetime_ms, 7 * 86_400_000);
    assert_eq!(c.lifetime_policy().inactivity_timeout_ms, None);
    assert_eq!(c.after_sign_out_one_url(), "/sign-in/choose");
}

#[test]
fn unknown_keys_are_refused() {
    assert!(FileConfig::from_toml("max_session_per_client = 3").is_err());
    assert!(FileConfig::from_toml("[jwt_templates.a]\nlifetime = 5").is_err());
}

#[test]
fn jwt_templates_are_read_and_a_bad_lifetime_is_a_config_error() {
    let c = FileConfig::from_toml(
        "[jwt_templates.supabase]\nlifetime_seconds = 120\n[jwt_templates.supabase.claims]\nrole = \"authenticated\"",
    )
    .unwrap();
    assert_eq!(c.jwt_templates["supabase"].lifetime_seconds, 120);
    assert_eq!(
        c.jwt_templates["supabase"].claims["role"].as_str(),
        Some("authenticated")
    );
    let e = FileConfig::from_toml("[jwt_templates.a]\nlifetime_seconds = 86400").unwrap_err();
    assert!(
        e.to_string().contains("jwt_templates.a.lifetime_seconds"),
        "{e}"
    );
}

#[test]
fn static_dirs_take_an_optional_prefix() {
    assert_eq!(
        Config::parse_static_dir("www"),
        (String::new(), PathBuf::from("www"))
    );
    assert_eq!(
        Config::parse_static_dir("pkg=pkg"),
        ("pkg".into(), PathBuf::from("pkg"))
    );
}

#[test]
fn the_signing_key_sits_beside_a_sqlite_file_by_default() {
    let c = Config::new("sqlite:///tmp/x.db");
    assert_eq!(
        c.signing_key_path(),
        Some(PathBuf::from("/tmp/x.db.signing-key"))
    );
    assert_eq!(Config::new("postgres://h/db").signing_key_path(), None);
}
