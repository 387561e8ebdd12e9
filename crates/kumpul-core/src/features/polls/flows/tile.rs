//! A poll also shown as the platform's own poll (a Matrix poll tile, which counts only
//! its poll responses): kumpul records which ballots came through that poll, tells a voter
//! whose vote did not that the tile will not show it, and its results say how many came
//! which way — in both languages, counts only, and nothing extra when there is no
//! difference to explain. A typed retract cannot remove a pick from the tile either: its
//! confirmation says the tile still shows it.

use super::{poll_id, text};
use crate::features::polls::model::Via;
use crate::features::polls::repo;
use crate::i18n::Locale;
use crate::identity::{Platform, Role, SpaceId};
use crate::reply::Tone;
use crate::store::Store;
use crate::testing::{Chat, each_backend};

/// The message id of the native poll's start event in these tests.
const START: &str = "$start-of-poll-1";

const NOT_IN_TILE: &str = "kumpul counts this vote, but it will not show in the Matrix poll of \
                           #1, which counts only what is picked in it (an earlier pick of yours \
                           there stays shown). To vote in that poll instead, pick your answer in \
                           it: that replaces this vote.";
const TIDAK_DI_TILE: &str = "kumpul menghitung suara ini, tetapi suara ini tidak akan tampil di \
                             polling Matrix untuk #1, yang hanya menghitung pilihan yang dibuat \
                             di dalamnya (pilihanmu sebelumnya di sana tetap tampil). Kalau \
                             ingin memilih lewat polling itu, pilih jawabanmu di sana: pilihan \
                             itu menggantikan suara ini.";

/// A chat in a Matrix room.
fn matrix_chat(store: Store) -> Chat {
    let mut chat = Chat::new(store);
    chat.space = SpaceId::new(Platform::Matrix, "!room:localhost");
    chat
}

/// Alice's poll #1, `Makan? | Nasi | Bakso` with `voters`; its card posted as a native
/// poll (the Matrix adapter records it so) when `native`.
async fn poll(chat: &Chat, voters: &str, native: bool) {
    let card = chat
        .say(
            "alice",
            &format!("poll create Makan? | Nasi | Bakso --voters {voters}"),
        )
        .await;
    let anchor = card.anchor().expect("a poll card is anchored");
    chat.bot
        .record_posted(anchor, &chat.space, None, START, native)
        .await
        .unwrap();
}

/// `name` picks `answers` (option numbers) in the native poll.
async fn pick(chat: &Chat, name: &str, answers: &[&str]) -> Option<crate::reply::Reply> {
    let answers: Vec<String> = answers.iter().map(|a| (*a).to_owned()).collect();
    chat.bot
        .native_vote(&chat.invocation(name, Role::Member, None), START, &answers)
        .await
        .unwrap()
}

/// The stored ballots of poll #1: voter, the picks' JSON and the way each came.
async fn ballots(chat: &Chat) -> Vec<(String, String, Via)> {
    let id = poll_id(chat, 1).await;
    let mut conn = chat.bot.store().pool().acquire().await.unwrap();
    repo::list_ballots(&mut conn, id)
        .await
        .unwrap()
        .into_iter()
        .map(|b| (b.voter_ref, b.choices, b.via))
        .collect()
}

#[tokio::test]
async fn a_ballot_records_which_way_it_came_and_the_latest_vote_wins_with_its_way() {
    each_backend(|store| async move {
        let chat = matrix_chat(store);
        poll(&chat, "public", true).await;
        let bob = "console:bob".to_owned();

        let picked = pick(&chat, "bob", &["2"]).await.expect("our poll");
        assert_eq!(picked.tone, Tone::Success, "{}", text(&picked));
        assert!(
            !text(&picked).contains("will not show"),
            "{}",
            text(&picked)
        );
        let stored = ballots(&chat).await;
        assert_eq!(stored.len(), 1);
        assert_eq!((&stored[0].0, stored[0].2), (&bob, Via::Native));
        let in_tile = stored[0].1.clone();

        // Typed: replaces the tile's ballot, and is marked as not from the tile.
        let typed = chat.say("bob", "poll vote 1 1").await;
        assert!(text(&typed).contains("saved: Nasi"), "{}", text(&typed));
        assert!(text(&typed).contains(NOT_IN_TILE), "{}", text(&typed));
        let stored = ballots(&chat).await;
        assert_eq!(stored.len(), 1, "one ballot per voter");
        assert_eq!((&stored[0].0, stored[0].2), (&bob, Via::Kumpul));
        assert_ne!(stored[0].1, in_tile, "the typed choice replaced the tile's");

        // Picked in the tile again: the tile's ballot wins once more.
        pick(&chat, "bob", &["2"]).await.unwrap();
        let stored = ballots(&chat).await;
        assert_eq!(stored, [(bob.clone(), in_tile, Via::Native)]);

        // An answer id that is no option number, and an empty response (taken back).
        let odd = pick(&chat, "bob", &["soto"]).await.unwrap();
        assert_eq!(odd.tone, Tone::Error);
        assert_eq!(ballots(&chat).await.len(), 1, "nothing changed");
        let taken_back = pick(&chat, "bob", &[]).await.unwrap();
        assert_eq!(taken_back.tone, Tone::Success, "{}", text(&taken_back));
        assert!(ballots(&chat).await.is_empty());

        // A response to a message that is none of our polls is not ours to count.
        let other = chat
            .bot
            .native_vote(
                &chat.invocation("bob", Role::Member, None),
                "$someone-elses-poll",
                &["1".to_owned()],
            )
            .await
            .unwrap();
        assert!(other.is_none());
    })
    .await;
}

#[tokio::test]
async fn results_and_the_closing_text_say_how_many_ballots_the_native_poll_does_not_show() {
    each_backend(|store| async move {
        let chat = matrix_chat(store);
        poll(&chat, "public", true).await;
        pick(&chat, "alice", &["1"]).await.unwrap();
        pick(&chat, "bob", &["2"]).await.unwrap();
        let typed = chat.say("carol", "poll vote 1 2").await;
        assert!(text(&typed).contains(NOT_IN_TILE), "{}", text(&typed));
        let dewi = chat
            .say_in("dewi", Role::Member, Locale::Id, "polling pilih 1 2")
            .await;
        assert!(text(&dewi).contains(TIDAK_DI_TILE), "{}", text(&dewi));

        let results = text(&chat.say("erik", "poll results 1").await);
        assert!(
            results.contains(
                "4 ballots: 2 picked in the Matrix poll, 2 typed or cast elsewhere. The \
                 Matrix poll counts only what was picked in it; these results count every \
                 ballot."
            ),
            "{results}"
        );
        assert!(
            results.contains("2. Bakso ███████████████░░░░░ 75% (3)"),
            "kumpul counts every ballot: {results}"
        );
        let hasil = text(
            &chat
                .say_in("dewi", Role::Member, Locale::Id, "polling hasil 1")
                .await,
        );
        assert!(
            hasil.contains(
                "4 surat suara: 2 dipilih di polling Matrix, 2 diketik atau diberikan di \
                 tempat lain. Polling Matrix hanya menghitung pilihan yang dibuat di \
                 dalamnya; hasil ini menghitung semua surat suara."
            ),
            "{hasil}"
        );

        // The close's announcement, and the closed card (on Matrix: the poll end event's
        // text) say it too.
        let closed = text(&chat.say("alice", "poll close 1").await);
        assert!(
            closed.contains("4 ballots: 2 picked in the Matrix poll, 2 typed or cast elsewhere."),
            "{closed}"
        );
        let id = poll_id(&chat, 1).await;
        let card = crate::features::polls::live_view(&chat.bot, id)
            .await
            .unwrap()
            .unwrap();
        assert!(card.ended);
        let ended = text(&card.reply);
        assert!(
            ended.contains("4 ballots: 2 picked in the Matrix poll, 2 typed or cast elsewhere."),
            "{ended}"
        );
    })
    .await;
}

#[tokio::test]
async fn nothing_extra_is_said_when_every_ballot_came_through_the_native_poll_or_none_is_native() {
    each_backend(|store| async move {
        let chat = matrix_chat(store);
        poll(&chat, "public", true).await;
        pick(&chat, "alice", &["1"]).await.unwrap();
        pick(&chat, "bob", &["2"]).await.unwrap();
        let results = text(&chat.say("carol", "poll results 1").await);
        assert!(results.contains("• 2 ballots\n"), "{results}");
        assert!(!results.contains("Matrix"), "{results}");
        let closed = text(&chat.say("alice", "poll close 1").await);
        assert!(!closed.contains("Matrix"), "{closed}");

        // A poll whose card is no native poll (a Discord card, a console, a kind Matrix
        // polls cannot hold): typed votes are the only votes; nothing to explain.
        let card = chat
            .say("alice", "poll create Minum? | Teh | Kopi --voters public")
            .await;
        chat.bot
            .record_posted(card.anchor().unwrap(), &chat.space, None, "$card-2", false)
            .await
            .unwrap();
        let typed = text(&chat.say("bob", "poll vote 2 1").await);
        assert!(typed.contains("saved: Teh"), "{typed}");
        assert!(!typed.contains("will not show"), "{typed}");
        let results = text(&chat.say("carol", "poll results 2").await);
        assert!(results.contains("• 1 ballot\n"), "{results}");
        assert!(!results.contains("Matrix"), "{results}");
    })
    .await;
}

#[tokio::test]
async fn a_poll_that_hides_its_voters_takes_no_native_votes_and_its_split_names_nobody() {
    each_backend(|store| async move {
        let chat = matrix_chat(store);
        // Whatever a client sends: a response to a private poll's message is not counted.
        poll(&chat, "private", true).await;
        assert!(pick(&chat, "bob", &["1"]).await.is_none());
        assert!(ballots(&chat).await.is_empty());
        chat.say("bob", "poll vote 1 2").await;
        chat.say("carol", "poll vote 1 1").await;
        let results = text(&chat.say("erik", "poll results 1").await);
        assert!(
            !results.contains("bob") && !results.contains("carol"),
            "{results}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_typed_retract_of_a_pick_in_the_tile_says_the_tile_still_shows_it() {
    each_backend(|store| async move {
        let chat = matrix_chat(store);
        poll(&chat, "public", true).await;
        pick(&chat, "alice", &["1"]).await.unwrap();
        pick(&chat, "bob", &["2"]).await.unwrap();

        // Alice types a retract: kumpul drops her ballot, the tile keeps showing her pick.
        let retracted = text(&chat.say("alice", "poll retract 1").await);
        assert!(
            retracted.contains(
                "Your vote on poll #1 is taken back.\nThe Matrix poll of #1 still shows \
                 the answer you picked in it: kumpul cannot remove a pick there, and no \
                 longer counts it. To change it there, pick another answer (kumpul then \
                 counts that as your vote)."
            ),
            "{retracted}"
        );
        assert_eq!(
            ballots(&chat).await.len(),
            1,
            "only Bob's ballot is counted"
        );

        // Dewi, in Indonesian.
        pick(&chat, "dewi", &["2"]).await.unwrap();
        let ditarik = text(
            &chat
                .say_in("dewi", Role::Member, Locale::Id, "polling tarik 1")
                .await,
        );
        assert!(
            ditarik.contains(
                "Polling Matrix untuk #1 masih menampilkan jawaban yang kamu pilih di sana: \
                 kumpul tidak bisa menghapus pilihan di sana, dan tidak lagi menghitungnya. \
                 Untuk mengubahnya di sana, pilih jawaban lain (kumpul akan menghitungnya \
                 sebagai suaramu)."
            ),
            "{ditarik}"
        );

        // A typed ballot taken back: an earlier pick in the tile may still show.
        chat.say("carol", "poll vote 1 1").await;
        let typed = text(&chat.say("carol", "poll retract 1").await);
        assert!(
            typed.contains(
                "If you picked an answer in the Matrix poll of #1 earlier, it still shows \
                 there: kumpul cannot remove a pick there, and does not count it."
            ),
            "{typed}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_pick_taken_back_in_the_tile_or_a_retract_on_a_poll_shown_natively_nowhere_says_nothing_extra()
 {
    each_backend(|store| async move {
        let chat = matrix_chat(store);
        poll(&chat, "public", true).await;
        pick(&chat, "bob", &["2"]).await.unwrap();
        let taken_back = text(&pick(&chat, "bob", &[]).await.unwrap());
        assert!(taken_back.contains("is taken back"), "{taken_back}");
        assert!(!taken_back.contains("Matrix"), "{taken_back}");

        let card = chat
            .say("alice", "poll create Minum? | Teh | Kopi --voters public")
            .await;
        chat.bot
            .record_posted(card.anchor().unwrap(), &chat.space, None, "$card-2", false)
            .await
            .unwrap();
        chat.say("bob", "poll vote 2 1").await;
        let retracted = text(&chat.say("bob", "poll retract 2").await);
        assert!(retracted.contains("is taken back"), "{retracted}");
        assert!(!retracted.contains("Matrix"), "{retracted}");
    })
    .await;
}
