//! End-to-end tests of the `kumpul` binary: scripted console sessions, the CLI, settings
//! and logging, each in its own temporary folder.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use kumpul_core::testing::{FreshPostgres, postgres_server_url};

/// A kumpul installation in a temporary folder.
struct Kumpul {
    dir: tempfile::TempDir,
    database: String,
}

impl Kumpul {
    fn new() -> Kumpul {
        let dir = tempfile::tempdir().unwrap();
        let database = dir
            .path()
            .join("data")
            .join("kumpul.db")
            .display()
            .to_string();
        Kumpul { dir, database }
    }

    fn with_database(database: String) -> Kumpul {
        Kumpul {
            dir: tempfile::tempdir().unwrap(),
            database,
        }
    }

    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_kumpul"));
        for (name, _) in std::env::vars() {
            if name.starts_with("KUMPUL_") || name == "RUST_LOG" {
                command.env_remove(name);
            }
        }
        command
            .current_dir(self.dir.path())
            .env("KUMPUL_DATABASE__URL", &self.database)
            .stdin(Stdio::null());
        command
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs a console script and returns the transcript.
    fn script(&self, script: &str) -> String {
        let path = self.path("script.txt");
        std::fs::write(&path, script).unwrap();
        let output = self
            .command()
            .args(["console", "--script"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "console failed: {}",
            stderr(&output)
        );
        stdout(&output)
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The transcript lines that follow the line typed as `typed`, up to the next prompt.
fn reply_to<'a>(transcript: &'a str, typed: &str) -> Vec<&'a str> {
    let mut lines = transcript.lines().skip_while(|l| !l.ends_with(typed));
    assert!(
        lines.next().is_some(),
        "{typed:?} not in transcript:\n{transcript}"
    );
    lines
        .take_while(|l| l.starts_with("kumpul") || l.starts_with("  "))
        .collect()
}

const GROUP_STORY: &str = "\
# alice starts a hiking group; bob and carol join; alice pings it.
group create hiking Weekend walks --tags outdoor
/as bob
group join hiking
/as carol
group join Hiking
/as alice
group ping hiking Meet at the station at 7
";

#[test]
fn a_ping_on_the_console_pings_the_members_but_not_the_sender() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(GROUP_STORY);
    let ping = reply_to(&transcript, "group ping hiking Meet at the station at 7");
    assert!(
        ping[0].starts_with("kumpul: 📣 alice pinged hiking:"),
        "{transcript}"
    );
    let pings: Vec<&str> = ping
        .iter()
        .copied()
        .filter(|l| l.contains("→ pings:"))
        .collect();
    assert_eq!(pings, ["  → pings: @bob, @carol"], "{transcript}");
    let joined = reply_to(&transcript, "group join Hiking");
    assert!(
        joined[0].contains("(only you see this)"),
        "joins are private: {transcript}"
    );
}

#[test]
fn bad_input_gets_a_clear_message_that_says_what_to_type() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(
        "group create hiking\n\
         gruop list\n\
         group ping hiking\n\
         group create @everyone\n\
         group join \"board games\n\
         group join hikin\n\
         group ping hiking hello?\n\
         /as bob\n\
         group join hiking\n\
         group join hiking\n\
         /as carol\n\
         group leave hiking\n\
         settings language fr\n",
    );
    let expect = |typed: &str, needle: &str| {
        let reply = reply_to(&transcript, typed).join("\n");
        assert!(reply.contains("✗"), "{typed}: not an error: {reply}");
        assert!(
            reply.contains(needle),
            "{typed}: {reply:?} lacks {needle:?}"
        );
    };
    expect("gruop list", "Did you mean `group`?");
    expect(
        "group ping hiking",
        "Type it like this: `group ping <name> <message…>`",
    );
    expect("group create @everyone", "cannot start with @");
    expect("group join \"board games", "A quote is not closed");
    expect("group join hikin", "Did you mean hiking?");
    expect("group ping hiking hello?", "Nobody else is in hiking");
    expect(
        "settings language fr",
        "fr is not one of the choices for `language`. Type one of these: `en, id`",
    );
    let leave = reply_to(&transcript, "group leave hiking").join("\n");
    assert!(
        leave.contains("You are not in hiking. To join it, type `group join hiking`."),
        "{leave}"
    );
    assert!(
        !transcript.contains("Error") && !transcript.contains("panicked"),
        "{transcript}"
    );
}

fn restart_keeps_state(kumpul: &Kumpul) {
    kumpul.script(GROUP_STORY);
    let transcript = kumpul.script("/as bob\ngroup members hiking\ngroup mine\ngroup list\n");
    let members = reply_to(&transcript, "group members hiking").join("\n");
    assert!(
        members.contains("• @alice") && members.contains("• @bob") && members.contains("• @carol"),
        "{transcript}"
    );
    let list = reply_to(&transcript, "group list").join("\n");
    assert!(
        list.contains("hiking · 3 members — Weekend walks (#outdoor)"),
        "{transcript}"
    );
    // The cooldown is stored too: a second ping right after the restart is refused.
    let again = kumpul.script("group ping hiking again\n");
    assert!(again.contains("was pinged recently"), "{again}");
}

#[test]
fn groups_survive_a_restart_on_sqlite() {
    restart_keeps_state(&Kumpul::new());
}

#[tokio::test]
async fn groups_survive_a_restart_on_postgres() {
    let Some(server) = postgres_server_url() else {
        return;
    };
    let database = FreshPostgres::create(&server).await;
    restart_keeps_state(&Kumpul::with_database(database.url.clone()));
}

#[test]
fn a_space_can_switch_to_indonesian_and_a_reader_can_keep_english() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(
        "/as mia --mod\n\
         settings language id\n\
         group join apa\n\
         help group join\n\
         /as budi --locale en\n\
         group join apa\n",
    );
    let set = reply_to(&transcript, "settings language id").join("\n");
    assert!(
        set.contains("mia mengatur bahasa ruang ini ke Bahasa Indonesia."),
        "{transcript}"
    );
    assert!(
        transcript.contains("Tidak ada grup bernama apa. Ketik `grup daftar`"),
        "{transcript}"
    );
    assert!(
        transcript.contains("Gabung ke grup agar kamu ikut dipanggil"),
        "help is Indonesian: {transcript}"
    );
    assert!(
        transcript.contains("There is no group called apa."),
        "{transcript}"
    );
}

#[test]
fn people_keep_their_role_when_the_console_switches_back_to_them() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(
        "/as bob\n\
         /as alice\n\
         settings timezone Asia/Jakarta\n\
         /as mia --mod\n\
         /as bob\n\
         settings timezone UTC\n\
         /as mia\n\
         settings timezone Asia/Makassar\n\
         /as mia --member\n\
         settings timezone Europe/Berlin\n",
    );
    let said = |typed: &str| reply_to(&transcript, typed).join("\n");
    assert!(
        transcript.contains("(You are now alice (admin).)"),
        "the console's own user is still the admin: {transcript}"
    );
    assert!(
        said("settings timezone Asia/Jakarta").contains("alice set the time zone"),
        "{transcript}"
    );
    assert!(
        said("settings timezone UTC").contains("Only moderators"),
        "bob is a member: {transcript}"
    );
    assert!(
        said("settings timezone Asia/Makassar").contains("mia set the time zone"),
        "mia stays a moderator: {transcript}"
    );
    assert!(
        said("settings timezone Europe/Berlin").contains("Only moderators"),
        "--member takes the role back: {transcript}"
    );
}

#[test]
fn the_interactive_console_answers_typed_lines() {
    let kumpul = Kumpul::new();
    let mut child = kumpul
        .command()
        .arg("console")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"!group create chess\ngroup list\n/quit\ngroup list\n")
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.starts_with("kumpul console"), "{out}");
    assert!(
        out.contains("alice> kumpul: ✓ alice created the group chess."),
        "{out}"
    );
    assert_eq!(
        out.matches("1 group").count(),
        1,
        "nothing runs after /quit: {out}"
    );
}

#[test]
fn a_configured_token_never_appears_in_logs_even_at_trace_level() {
    let kumpul = Kumpul::new();
    let token = "MTk4NjIy.secret-discord-token.Xyz";
    let password = "hunter2-matrix-password";
    let script = kumpul.path("s.txt");
    std::fs::write(&script, "group create hiking\ngroup list\n").unwrap();
    let runs: [&[&str]; 3] = [
        &["config", "check"],
        &["run"],
        &["console", "--script", "s.txt"],
    ];
    for args in runs {
        let output = kumpul
            .command()
            .args(args)
            .env("RUST_LOG", "trace")
            .env("KUMPUL_DISCORD__TOKEN", token)
            // Connection refused at once: no traffic leaves the machine.
            .env("KUMPUL_DISCORD__API_PROXY", "http://127.0.0.1:1")
            .env("KUMPUL_MATRIX__HOMESERVER", "http://127.0.0.1:1")
            .env("KUMPUL_MATRIX__USER", "@kumpul:localhost")
            .env("KUMPUL_MATRIX__PASSWORD", password)
            .output()
            .unwrap();
        let everything = format!("{}{}", stdout(&output), stderr(&output));
        assert!(
            !everything.contains(token),
            "{args:?} leaked the token:\n{everything}"
        );
        assert!(
            !everything.contains(password),
            "{args:?} leaked the password:\n{everything}"
        );
        assert!(
            everything.contains("<redacted>"),
            "{args:?} did not log the settings:\n{everything}"
        );
    }
}

#[test]
fn run_without_a_platform_exits_with_instructions() {
    let output = Kumpul::new().command().arg("run").output().unwrap();
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("no chat platform is enabled"), "{err}");
    assert!(
        err.contains("KUMPUL_DISCORD__TOKEN") && err.contains("kumpul console"),
        "{err}"
    );
}

#[test]
fn every_subcommand_has_help() {
    let kumpul = Kumpul::new();
    for args in [
        &["--help"][..],
        &["console", "--help"],
        &["run", "--help"],
        &["migrate", "--help"],
        &["config", "--help"],
        &["config", "check", "--help"],
    ] {
        let output = kumpul.command().args(args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        assert!(stdout(&output).contains("Usage: kumpul"), "{args:?}");
    }
}

#[test]
fn config_check_shows_layers_and_rejects_bad_values() {
    let kumpul = Kumpul::new();
    let file = kumpul.path("local.toml");
    std::fs::write(
        &file,
        "[groups]\nping_cooldown_secs = 60\n[defaults]\nlocale = \"id\"\n",
    )
    .unwrap();
    let output = kumpul
        .command()
        .args(["config", "check", "--config"])
        .arg(&file)
        .env("KUMPUL_DEFAULTS__TIMEZONE", "Asia/Jakarta")
        .output()
        .unwrap();
    let out = stdout(&output);
    assert!(output.status.success(), "{}", stderr(&output));
    for line in [
        "ping_cooldown_secs = 60",
        "locale = \"id\"",
        "timezone = \"Asia/Jakarta\"",
    ] {
        assert!(out.contains(line), "{line} missing:\n{out}");
    }

    let cases = [
        ("KUMPUL_DEFAULTS__LOCALE", "fr", "defaults.locale"),
        (
            "KUMPUL_DEFAULTS__TIMEZONE",
            "Mars/Olympus",
            "defaults.timezone",
        ),
        ("KUMPUL_DATABASE__URLL", "x", "urll"),
    ];
    for (name, value, needle) in cases {
        let output = kumpul
            .command()
            .args(["config", "check"])
            .env(name, value)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{name}={value} was accepted");
        assert!(
            stderr(&output).contains(needle),
            "{name}: {}",
            stderr(&output)
        );
    }
    let missing = kumpul
        .command()
        .args(["--config", "nope.toml", "config", "check"])
        .output()
        .unwrap();
    assert!(
        stderr(&missing).contains("nope.toml does not exist"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn migrate_creates_the_database_and_is_idempotent() {
    let kumpul = Kumpul::new();
    let first = kumpul.command().arg("migrate").output().unwrap();
    assert!(first.status.success(), "{}", stderr(&first));
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .filter(|f| {
            f.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|e| e == "sql")
        })
        .count();
    assert!(
        stdout(&first).contains(&format!("{migrations} migration(s) applied")),
        "{}",
        stdout(&first)
    );
    assert!(Path::new(&kumpul.database).is_file());
    let second = kumpul.command().arg("migrate").output().unwrap();
    assert!(
        stdout(&second).contains("0 migration(s) applied"),
        "{}",
        stdout(&second)
    );
}

#[test]
fn reminders_fire_on_the_console_when_the_script_waits() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(
        "timezone set WIB\n\
         remind me in 2 hours stretch your legs\n\
         group create hiking\n\
         /as bob\n\
         group join hiking\n\
         remind group hiking in 30 minutes pack water\n\
         /wait 29m\n\
         /wait 1m\n\
         /wait 2h\n",
    );
    let set = reply_to(&transcript, "remind me in 2 hours stretch your legs").join("\n");
    assert!(
        set.contains("I'll remind you: stretch your legs") && set.contains("WIB (in 2 hours)"),
        "{transcript}"
    );
    assert!(
        reply_to(&transcript, "/wait 29m")
            .iter()
            .all(|l| !l.contains("Reminder")),
        "{transcript}"
    );
    let group = reply_to(&transcript, "/wait 1m").join("\n");
    assert!(
        group.contains("⏰ Reminder for hiking from bob:") && group.contains("pack water"),
        "{transcript}"
    );
    assert!(group.contains("→ pings: @alice, @bob"), "{transcript}");
    let mine = reply_to(&transcript, "/wait 2h").join("\n");
    assert!(
        mine.contains("kumpul → alice (only you see this): 📣 ⏰ Reminder: stretch your legs"),
        "a personal reminder is marked private to its person: {transcript}"
    );
    assert!(!mine.contains("→ pings"), "{transcript}");
}

#[test]
fn a_reminder_set_before_a_restart_fires_after_it() {
    let kumpul = Kumpul::new();
    kumpul.script("remind me in 3 hours water the plants\n");
    let transcript = kumpul.script("remind list\n/wait 3h\nremind list\n");
    assert!(
        reply_to(&transcript, "remind list")[0].contains("1 reminder"),
        "{transcript}"
    );
    let fired = reply_to(&transcript, "/wait 3h").join("\n");
    assert!(
        fired.contains("kumpul → alice (only you see this): 📣 ⏰ Reminder: water the plants"),
        "{transcript}"
    );
}

#[test]
fn a_poll_is_created_voted_on_closed_at_its_deadline_and_exported_on_the_console() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(
        "poll create Where shall we eat? | pizza | sushi | tacos --kind ranked --closes in 2 hours --voters public\n\
         poll vote 1 2 1\n\
         /as bob\n\
         poll vote 1 3 2\n\
         poll vote 1 9\n\
         /as carol\n\
         poll vote 1 2\n\
         poll export 1\n\
         /wait 2h\n\
         poll vote 1 1\n",
    );
    let card = reply_to(&transcript, "--voters public").join("\n");
    assert!(
        card.contains("#1 Where shall we eat?") && card.contains("`poll vote 1 3 2 1`"),
        "{transcript}"
    );
    let voted = reply_to(&transcript, "poll vote 1 3 2").join("\n");
    assert!(
        voted.contains("✓ Your vote on poll #1 is saved: 1. tacos, 2. sushi."),
        "{transcript}"
    );
    let bad = reply_to(&transcript, "poll vote 1 9").join("\n");
    assert!(
        bad.contains("✗ 9 is not an option: use numbers from 1 to 3."),
        "{transcript}"
    );
    let closed = reply_to(&transcript, "/wait 2h").join("\n");
    assert!(
        closed.contains("Final results of #1")
            && closed.contains("Winner after instant-runoff: sushi"),
        "{transcript}"
    );
    assert!(
        reply_to(&transcript, "poll vote 1 1")
            .join("\n")
            .contains("Poll #1 is closed"),
        "{transcript}"
    );
    let csv = std::fs::read_to_string(kumpul.path("data/exports/poll-1.csv")).unwrap();
    assert_eq!(
        csv,
        "voter,rank 1,rank 2,rank 3\nalice,sushi,pizza,\nbob,tacos,sushi,\ncarol,sushi,,\n"
    );
}

#[test]
fn an_event_is_planned_answered_reminded_and_exported_on_the_console() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(
        "settings timezone WIB\n\
         event create in 3 hours Kerja bakti --capacity 2 --remind 1h --where \"Balai RW\"\n\
         /as bob\n\
         rsvp 1 going\n\
         /as citra --locale id\n\
         hadir 1 going 1\n\
         /as bob\n\
         event ics 1\n\
         /wait 2h\n",
    );
    let card = reply_to(
        &transcript,
        "event create in 3 hours Kerja bakti --capacity 2 --remind 1h --where \"Balai RW\"",
    )
    .join("\n");
    assert!(
        card.contains("#1 Kerja bakti") && card.contains("WIB (in 3 hours)"),
        "{transcript}"
    );
    assert!(
        card.contains("`rsvp 1 going`"),
        "buttons become commands: {transcript}"
    );
    let waiting = reply_to(&transcript, "hadir 1 going 1").join("\n");
    assert!(waiting.contains("daftar tunggu"), "{transcript}");
    let reminded = reply_to(&transcript, "/wait 2h").join("\n");
    assert!(
        reminded.contains("⏰ #1 Kerja bakti starts in 1 hour")
            && reminded.contains("→ pings: @bob"),
        "{transcript}"
    );
    let ics = std::fs::read_to_string(kumpul.path("data/exports/event-1.ics")).unwrap();
    assert!(
        ics.contains("SUMMARY:Kerja bakti") && ics.contains("TZID=Asia/Jakarta"),
        "{ics}"
    );
}

#[test]
fn an_idea_becomes_a_poll_and_then_a_plan_on_the_console() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(
        "/as bob\n\
         idea add Repair café every month\n\
         /as citra\n\
         idea add Tool library --anonymous\n\
         idea vote 1\n\
         /as alice --admin\n\
         idea vote 1\n\
         idea list\n\
         idea poll 1 2\n\
         poll vote 1 1 2\n\
         poll close 1\n\
         idea status 1 planned First one in January\n",
    );
    let listed = reply_to(&transcript, "idea list").join("\n");
    assert!(
        listed.contains("#1 Repair café every month · 2 upvotes"),
        "{transcript}"
    );
    let poll = reply_to(&transcript, "idea poll 1 2").join("\n");
    assert!(
        poll.contains("A poll on ideas #1, #2") && poll.contains("`poll vote 1 2 1`"),
        "{transcript}"
    );
    let closed = reply_to(&transcript, "poll close 1").join("\n");
    assert!(
        closed.contains("Winner after instant-runoff: Repair café every month"),
        "{transcript}"
    );
    let planned = reply_to(&transcript, "idea status 1 planned First one in January").join("\n");
    assert!(
        planned.contains("as planned") && planned.contains("→ pings: @bob"),
        "{transcript}"
    );
}

#[test]
fn a_thread_is_an_indented_conversation_with_a_digest_on_the_console() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(
        "group create hiking\n\
         /as bob\n\
         group join hiking\n\
         /as alice --admin\n\
         thread start Summer trip plans --group hiking --ping\n\
         /thread 1\n\
         Who has a tent?\n\
         /as bob\n\
         I do, for four people\n\
         /thread\n\
         thread digest 1\n",
    );
    let header = reply_to(
        &transcript,
        "thread start Summer trip plans --group hiking --ping",
    )
    .join("\n");
    assert!(
        header.contains("🧵 Thread #1: Summer trip plans, opened by alice")
            && header.contains("→ pings: @bob")
            && header.contains("/thread"),
        "{transcript}"
    );
    assert!(
        transcript.contains("    │ bob: I do, for four people"),
        "{transcript}"
    );
    let digest = reply_to(&transcript, "thread digest 1").join("\n");
    assert!(
        digest.contains("2 messages from 2 people") && digest.contains("alice (1), bob (1)"),
        "{transcript}"
    );
}

/// An Indonesian club on the console: every feature typed in Indonesian, in a space whose
/// language is Indonesian. What kumpul shows must never teach an English command, option
/// or answer word; mistakes are refused with the Indonesian words to type.
const INDONESIAN_CLUB: &str = "\
pengaturan bahasa id
pengaturan zonawaktu WIB
bantuan
bantuan grup
bantuan acara buat
grup buat pendaki Jalan kaki akhir pekan --tag alam
/as budi --locale id
grup gabung pendaki
grup daftar
grup info pendaki
grup anggota pendaki
grup saya
grup panggil pendaki Kumpul di stasiun jam 7
ingatkan daftar
ingatkan saya besok jam 7 pagi olahraga
ingatkan saya pukul 14.00 WITA rapat
ingatkan daftar
ingatkan batal 1
polling daftar
polling buat Makan siang di mana? | Nasi | Bakso --jenis tunggal --tutup besok jam 12 siang
polling pilih 1 1
polling hasil 1
polling buat Ketua baru? | Sari | Joko --pemilih rahasia
polling daftar
acara daftar
acara buat jumat jam 19.00 Main papan --kapasitas 4 --tempat Balai warga
hadir 1 hadir
hadir 1 mungkin
hadir 1 tidak
acara daftar
acara info 1
ide daftar
ide tambah Piknik di taman --anonim
ide daftar
ide dukung 1
utas daftar
utas mulai Rencana liburan
utas daftar
zonawaktu lihat
pengaturan lihat
ide tambah Rahasia saya --anonimus
acara buat besok jam 19.00 Rapat RT --kapasitsa 4
hadir 1 iya
polling pilih abc 1
grup gabung
ide daftar --halaman 1
polling tutup 1
/as alice
polling tutup 1
ide status 1 direncanakan Bulan depan
polling ekspor 1
utas ringkasan 1
";

/// The code spans of kumpul's lines (what it tells people to type), and the lines they are on.
fn shown_commands(transcript: &str) -> Vec<(&str, &str)> {
    transcript
        .lines()
        .filter(|line| line.starts_with("kumpul") || line.starts_with("  "))
        .flat_map(|line| {
            line.split('`')
                .skip(1)
                .step_by(2)
                .map(move |code| (code, line))
        })
        .collect()
}

#[test]
fn an_indonesian_club_uses_every_feature_without_meeting_an_english_command_word() {
    let kumpul = Kumpul::new();
    let transcript = kumpul.script(INDONESIAN_CLUB);
    let shown = shown_commands(&transcript);
    assert!(shown.len() > 20, "commands were suggested: {transcript}");
    for (code, line) in shown {
        let english = kumpul_core::catalogue::english_words(code);
        assert!(
            english.is_empty(),
            "English {english:?} in `{code}` on {line:?}\n{transcript}"
        );
    }
    // Running text too ("mis. poll create …" teaches English just the same).
    for line in transcript
        .lines()
        .filter(|line| line.starts_with("kumpul") || line.starts_with("  "))
    {
        let english = kumpul_core::catalogue::english_phrases(line);
        assert!(
            english.is_empty(),
            "English {english:?} on {line:?}\n{transcript}"
        );
    }
    // Indonesian answer and choice words are read, not refused.
    for typed in [
        "hadir 1 hadir",
        "hadir 1 mungkin",
        "hadir 1 tidak",
        "ide status 1 direncanakan Bulan depan",
    ] {
        let reply = reply_to(&transcript, typed).join("\n");
        assert!(!reply.contains('✗'), "{typed}: {reply}");
    }
    let event = reply_to(
        &transcript,
        "acara buat jumat jam 19.00 Main papan --kapasitas 4 --tempat Balai warga",
    )
    .join("\n");
    assert!(
        event.contains("#1 Main papan\n") && event.contains("Balai warga"),
        "{event}"
    );
    let lunch = reply_to(&transcript, "polling hasil 1").join("\n");
    assert!(lunch.contains("Nasi") && !lunch.contains('✗'), "{lunch}");
    let secret = reply_to(
        &transcript,
        "polling buat Ketua baru? | Sari | Joko --pemilih rahasia",
    );
    assert!(!secret.join("\n").contains('✗'), "{transcript}");
    // The zone inside the time is read and is not part of the reminder's text.
    let meeting = reply_to(&transcript, "ingatkan saya pukul 14.00 WITA rapat").join("\n");
    assert!(
        meeting.contains("13.00") || meeting.contains("13:00"),
        "{meeting}"
    );
    assert!(!meeting.contains("WITA rapat"), "{meeting}");
    // A mistyped option is an error naming the Indonesian option, and nothing is stored.
    let typo = reply_to(&transcript, "ide tambah Rahasia saya --anonimus").join("\n");
    assert!(typo.contains('✗') && typo.contains("--anonim"), "{typo}");
    let typo = reply_to(
        &transcript,
        "acara buat besok jam 19.00 Rapat RT --kapasitsa 4",
    )
    .join("\n");
    assert!(typo.contains('✗') && typo.contains("--kapasitas"), "{typo}");
    let ideas = reply_to(&transcript, "ide daftar --halaman 1").join("\n");
    assert!(
        ideas.contains("Piknik") && !ideas.contains("Rahasia"),
        "{ideas}"
    );
    let answer = reply_to(&transcript, "hadir 1 iya").join("\n");
    assert!(
        answer.contains("hadir") && answer.contains("tidak"),
        "{answer}"
    );
}
