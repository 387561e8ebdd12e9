//! A real Synapse homeserver for tests, on 127.0.0.1.
//!
//! Installs `matrix-synapse` from PyPI into a venv under `target/` the first time (cached
//! afterwards), writes a test configuration (no federation, no rate limits, fast
//! passwords), starts it on a free port, and stops it by its PID when dropped. Users are
//! registered through the shared-secret admin API.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use hmac::{KeyInit, Mac};

const SYNAPSE_VERSION: &str = "1.163.2";
const SHARED_SECRET: &str = "kumpul-test-registration-secret";

pub struct Synapse {
    pub url: String,
    child: Mutex<Child>,
    _dir: tempfile::TempDir,
    /// The command that starts this homeserver again ([`Synapse::restart`]).
    command: Mutex<Command>,
}

/// The workspace's `target/` (this module is also used from the root package's bench).
fn workspace_target() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
            manifest
                .ancestors()
                .find(|dir| dir.join("Cargo.lock").exists())
                .unwrap_or(manifest)
                .join("target")
        })
}

/// The venv's python, installing Synapse into it if needed.
fn python() -> PathBuf {
    static INSTALL: Mutex<()> = Mutex::new(());
    let _guard = INSTALL.lock().unwrap();
    let venv = workspace_target().join("synapse-venv");
    let python = venv.join("bin/python");
    let installed = python.exists()
        && Command::new(&python)
            .args([
                "-c",
                &format!("import importlib.metadata as m, sys; sys.exit(0 if m.version('matrix-synapse') == '{SYNAPSE_VERSION}' else 1)"),
            ])
            .status()
            .is_ok_and(|s| s.success());
    if !installed {
        eprintln!(
            "installing Synapse {SYNAPSE_VERSION} into {} (once)",
            venv.display()
        );
        let created = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .expect("running python3 -m venv");
        assert!(created.success(), "could not create the Synapse venv");
        let pip = Command::new(venv.join("bin/pip"))
            .args([
                "install",
                "--quiet",
                &format!("matrix-synapse=={SYNAPSE_VERSION}"),
            ])
            .status()
            .expect("running pip");
        assert!(pip.success(), "could not install Synapse from PyPI");
    }
    python
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

const RATE: &str = "{per_second: 10000, burst_count: 10000}";

impl Synapse {
    /// One homeserver for the whole test binary.
    pub fn shared() -> &'static Synapse {
        static SHARED: OnceLock<Synapse> = OnceLock::new();
        SHARED.get_or_init(Synapse::start)
    }

    /// One homeserver for the tests of a binary that run at the same time: started by
    /// the first, stopped when the last lets go of it (a `static` would never be dropped,
    /// leaving Synapse running after the tests).
    pub fn acquire() -> std::sync::Arc<Synapse> {
        static CURRENT: Mutex<std::sync::Weak<Synapse>> = Mutex::new(std::sync::Weak::new());
        let mut current = CURRENT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(running) = current.upgrade() {
            return running;
        }
        let started = std::sync::Arc::new(Synapse::start());
        *current = std::sync::Arc::downgrade(&started);
        started
    }

    pub fn start() -> Synapse {
        let python = python();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path();
        let config = data.join("homeserver.yaml");
        let generated = Command::new(&python)
            .args([
                "-m",
                "synapse.app.homeserver",
                "--server-name",
                "localhost",
                "--config-path",
            ])
            .arg(&config)
            .args(["--data-directory"])
            .arg(data)
            .args(["--generate-config", "--report-stats=no"])
            .current_dir(data)
            .output()
            .expect("generating the Synapse config");
        assert!(
            generated.status.success(),
            "{}",
            String::from_utf8_lossy(&generated.stderr)
        );
        let port = free_port();
        let overrides = format!(
            "listeners:\n  - port: {port}\n    bind_addresses: ['127.0.0.1']\n    type: http\n    tls: false\n    x_forwarded: false\n    resources:\n      - names: [client]\n        compress: false\n\
             registration_shared_secret: \"{SHARED_SECRET}\"\n\
             enable_registration: true\n\
             enable_registration_without_verification: true\n\
             trusted_key_servers: []\n\
             federation_domain_whitelist: []\n\
             suppress_key_server_warning: true\n\
             url_preview_enabled: false\n\
             bcrypt_rounds: 4\n\
             filter_timeline_limit: 1000\n\
             experimental_features:\n  msc3381_polls_enabled: true\n\
             rc_message: {RATE}\n\
             rc_registration: {RATE}\n\
             rc_registration_token_validity: {RATE}\n\
             rc_login:\n  address: {RATE}\n  account: {RATE}\n  failed_attempts: {RATE}\n\
             rc_admin_redaction: {RATE}\n\
             rc_joins:\n  local: {RATE}\n  remote: {RATE}\n\
             rc_joins_per_room: {RATE}\n\
             rc_3pid_validation: {RATE}\n\
             rc_invites:\n  per_room: {RATE}\n  per_user: {RATE}\n  per_issuer: {RATE}\n\
             rc_third_party_invite: {RATE}\n\
             rc_key_requests: {RATE}\n\
             rc_room_creation: {RATE}\n\
             rc_presence:\n  per_user: {RATE}\n\
             rc_delayed_event_mgmt: {RATE}\n\
             rc_reports: {RATE}\n"
        );
        let overrides_path = data.join("overrides.yaml");
        std::fs::write(&overrides_path, overrides).unwrap();
        let mut command = Command::new(&python);
        command
            .args(["-m", "synapse.app.homeserver", "--config-path"])
            .arg(&config)
            .arg("--config-path")
            .arg(&overrides_path)
            .current_dir(data)
            .stdin(Stdio::null());
        let child = spawn(&mut command, data);
        let url = format!("http://127.0.0.1:{port}");
        let synapse = Synapse {
            url: url.clone(),
            child: Mutex::new(child),
            _dir: dir,
            command: Mutex::new(command),
        };
        synapse.wait_ready(port);
        synapse
    }

    /// Waits (at most 60 s) until the homeserver answers on `port`.
    fn wait_ready(&self, port: u16) {
        let synapse = self;
        let started = Instant::now();
        loop {
            let ready = answers_versions(port);
            if ready {
                break;
            }
            if let Ok(Some(status)) = synapse.child.lock().unwrap().try_wait() {
                let log = std::fs::read_to_string(synapse._dir.path().join("stdout.log"))
                    .unwrap_or_default();
                panic!("Synapse exited with {status}:\n{log}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "Synapse did not start within 60 s"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Kills the homeserver (SIGKILL: a crash, not a shutdown), waits `down`, and starts it
    /// again on the same port and data, returning once it answers.
    pub fn restart(&self, down: Duration) {
        {
            let mut child = self.child.lock().unwrap();
            let _ = child.kill();
            let _ = child.wait();
        }
        std::thread::sleep(down);
        let port: u16 = self
            .url
            .rsplit(':')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("the homeserver's port");
        let child = spawn(&mut self.command.lock().unwrap(), self._dir.path());
        *self.child.lock().unwrap() = child;
        self.wait_ready(port);
    }

    /// Logs `localpart` in with a password over plain HTTP, as a client elsewhere would:
    /// the new device's access token and id.
    pub async fn log_in(&self, localpart: &str, password: &str) -> (String, String) {
        let login: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/_matrix/client/v3/login", self.url))
            .json(&serde_json::json!({
                "type": "m.login.password",
                "identifier": {"type": "m.id.user", "user": localpart},
                "password": password,
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let field = |name: &str| {
            login[name]
                .as_str()
                .unwrap_or_else(|| panic!("no {name} in the login: {login}"))
                .to_owned()
        };
        (field("access_token"), field("device_id"))
    }

    /// Registers a user through the shared-secret admin API and returns its full id.
    pub async fn register(&self, localpart: &str, password: &str, admin: bool) -> String {
        let endpoint = format!("{}/_synapse/admin/v1/register", self.url);
        let http = reqwest::Client::new();
        let nonce: serde_json::Value = http
            .get(&endpoint)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let nonce = nonce["nonce"].as_str().unwrap().to_owned();
        let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(SHARED_SECRET.as_bytes()).unwrap();
        let kind = if admin { "admin" } else { "notadmin" };
        mac.update(format!("{nonce}\0{localpart}\0{password}\0{kind}").as_bytes());
        let body = serde_json::json!({
            "nonce": nonce, "username": localpart, "password": password, "admin": admin,
            "mac": hex::encode(mac.finalize().into_bytes())
        });
        let response: serde_json::Value = http
            .post(&endpoint)
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        response["user_id"]
            .as_str()
            .unwrap_or_else(|| panic!("registration failed: {response}"))
            .to_owned()
    }
}

impl Drop for Synapse {
    fn drop(&mut self) {
        let mut child = self.child.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// Starts `command` with its output appended to the data folder's `stdout.log`.
fn spawn(command: &mut Command, data: &Path) -> Child {
    let log = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(data.join("stdout.log"))
        .unwrap();
    command
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("starting Synapse")
}

/// Whether the homeserver answers its versions endpoint (plain HTTP/1.0, no runtime needed).
fn answers_versions(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    if stream
        .write_all(b"GET /_matrix/client/versions HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.starts_with("HTTP/1.0 200") || response.starts_with("HTTP/1.1 200")
}
