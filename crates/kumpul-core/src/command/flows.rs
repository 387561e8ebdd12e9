//! The parser's strictness end to end, through the polls, ideas and events features on
//! every backend: a mistyped or unknown option is refused with what to type and nothing
//! is stored; text holding direction overrides is stored and shown cleaned, whether it
//! was typed, sent by Discord or submitted in a form.

use crate::command::Call;
use crate::identity::Role;
use crate::reply::{Reply, Tone};
use crate::store::Store;
use crate::testing::{Chat, each_backend};
use crate::text::is_invisible;

fn text(reply: &Reply) -> String {
    reply.plain_text()
}

/// Fails unless no poll, poll option, idea or event is stored.
async fn nothing_stored(store: &Store) {
    let mut conn = store.pool().acquire().await.unwrap();
    for count in [
        "SELECT COUNT(*) FROM polls",
        "SELECT COUNT(*) FROM poll_options",
        "SELECT COUNT(*) FROM ideas",
        "SELECT COUNT(*) FROM events",
    ] {
        let rows: i64 = sqlx::query_scalar(count)
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(rows, 0, "{count}");
    }
}

/// A reply that shows no invisible character anywhere, standalone messages included.
fn assert_visible(reply: &Reply) {
    for shown in std::iter::once(reply).chain(&reply.standalone) {
        let plain = shown.plain_text();
        assert!(!plain.chars().any(is_invisible), "{plain:?}");
    }
}

#[tokio::test]
async fn a_mistyped_or_unknown_option_is_refused_and_nothing_is_stored() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        for (line, shown) in [
            (
                "idea add A repair café --anonymus",
                "did you mean `--anonymous`?",
            ),
            (
                "poll create Lunch? | soto | bakso --close friday",
                "did you mean `--closes`?",
            ),
            (
                "event create friday 19:00 Games --capacty 4",
                "did you mean `--capacity`?",
            ),
            (
                "event create friday 19:00 Games —capacty 4",
                "did you mean `--capacity`?",
            ),
            ("idea add Use the --verbose switch", "`\"--verbose\"`"),
            ("idea add Seed swap --anonymous=no", "takes no value"),
        ] {
            let reply = chat.say("alice", line).await;
            assert_eq!(reply.tone, Tone::Error, "{line}: {}", text(&reply));
            assert!(text(&reply).contains(shown), "{line}: {}", text(&reply));
            assert!(reply.standalone.is_empty(), "{line}: posted something");
        }
        nothing_stored(&store).await;

        // Typed right, the same lines do what was meant.
        let anonymous = chat
            .say("alice", "idea add A repair café --anonymous")
            .await;
        let posted = anonymous
            .standalone
            .first()
            .expect("posted as kumpul's own");
        assert!(!text(posted).contains("alice"), "{}", text(posted));
        let poll = chat
            .say("alice", "poll create Lunch? | soto | bakso --closes friday")
            .await;
        assert_ne!(poll.tone, Tone::Error, "{}", text(&poll));
        let mut conn = store.pool().acquire().await.unwrap();
        let closes: Option<i64> = sqlx::query_scalar("SELECT closes_at FROM polls")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert!(closes.is_some(), "the poll has its deadline");
        let options: Vec<String> =
            sqlx::query_scalar("SELECT label FROM poll_options ORDER BY position")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        assert_eq!(options, ["soto", "bakso"]);
    })
    .await;
}

#[tokio::test]
async fn an_indonesian_reader_is_told_in_indonesian_words_and_nothing_is_stored() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        chat.say_as("mia", Role::Moderator, "settings language id")
            .await;
        // `say` fails on any English command word shown to an Indonesian reader.
        for (line, shown) in [
            ("ide tambah Perbaiki sepeda --anonm", "maksudmu `--anonim`?"),
            ("idea add Repair café --anonymus", "maksudmu `--anonim`?"),
            (
                "polling buat Makan? | soto | bakso --tutp jumat",
                "maksudmu `--tutup`?",
            ),
            (
                "acara buat jumat 19:00 Main kartu --kapasita 4",
                "maksudmu `--kapasitas`?",
            ),
            (
                "acara info dua",
                "`nomor` harus bilangan bulat 1 atau lebih",
            ),
            ("hadir 1 ya", "`hadir, mungkin, tidak`"),
            ("ingatkan saya", "Bagian `kapan` belum diisi"),
        ] {
            let reply = chat.say("budi", line).await;
            assert_eq!(reply.tone, Tone::Error, "{line}: {}", text(&reply));
            assert!(text(&reply).contains(shown), "{line}: {}", text(&reply));
        }
        nothing_stored(&store).await;
    })
    .await;
}

#[tokio::test]
async fn a_direction_override_cannot_reverse_a_poll_option_a_results_line_or_an_idea() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        // Reversed, "bakso 9 votes" would follow the override and read as a winning line.
        let card = chat
            .say("alice", "poll create Lunch? | soto \u{202E}setov 9 | bakso")
            .await;
        assert_ne!(card.tone, Tone::Error, "{}", text(&card));
        assert_visible(&card);
        chat.say("bob", "poll vote 1 1").await;
        chat.say("alice", "poll close 1").await;
        let results = chat.say("carol", "poll results 1").await;
        assert_visible(&results);
        assert!(
            text(&results).contains("soto setov 9"),
            "{}",
            text(&results)
        );

        let idea = chat
            .say(
                "alice",
                "idea add Picnic\u{2067} in the park\u{200F}\u{0007}",
            )
            .await;
        assert_visible(&idea);
        let list = chat.say("bob", "idea list").await;
        assert_visible(&list);
        assert!(
            text(&list).contains("Picnic in the park"),
            "{}",
            text(&list)
        );

        let event = chat
            .say(
                "alice",
                "event create friday 19:00 Games\u{202B} night --where Hall\u{202D}",
            )
            .await;
        assert_visible(&event);
        let events = chat.say("bob", "event list").await;
        assert_visible(&events);
        assert!(text(&events).contains("Games night"), "{}", text(&events));
    })
    .await;
}

#[tokio::test]
async fn discord_values_and_form_text_are_cleaned_the_same_way() {
    each_backend(|store| async move {
        let chat = Chat::new(store.clone());
        let inv = chat.invocation("alice", Role::Member, None);
        let call = Call::from_raw(
            &["idea", "add"],
            vec![("text".into(), "Seed \u{202E}paws".into())],
        )
        .unwrap();
        let added = chat.bot.handle_call(&inv, &call).await;
        assert_visible(&added);
        let mut conn = store.pool().acquire().await.unwrap();
        let stored: String = sqlx::query_scalar("SELECT text FROM ideas")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(stored, "Seed paws");
        drop(conn);

        let ranked = chat
            .say("alice", "poll create Best film? | a | b | c --kind ranked")
            .await;
        let button = ranked
            .actions()
            .iter()
            .find(|a| a.id.encode().starts_with("k1:poll:ballot:"))
            .unwrap()
            .id
            .clone();
        let form = chat.bot.handle_action(&inv, &button).await;
        let form = form.form().cloned().expect("the button opens a form");
        let voted = chat
            .bot
            .handle_input(&inv, &form.id, &["2\u{200E} 3\u{202E} 1".to_owned()])
            .await;
        assert!(
            text(&voted).contains("saved: 1. b, 2. c, 3. a"),
            "{}",
            text(&voted)
        );
    })
    .await;
}

/// The hostile corpus ([`crate::testing::HOSTILE`]) through every command that echoes it.
#[tokio::test]
async fn no_reply_to_hostile_text_shows_an_invisible_character() {
    let dir = tempfile::tempdir().unwrap();
    let location = crate::store::Location::SqliteFile(dir.path().join("hostile.db"));
    let store = Store::open(&location, 4).await.unwrap();
    let replies = crate::testing::hostile_replies(store).await;
    assert!(replies.len() > 100);
    for (_, reply) in replies {
        assert_visible(&reply);
    }
}
