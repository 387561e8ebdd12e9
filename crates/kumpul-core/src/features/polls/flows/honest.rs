//! Results that explain themselves: ties stated with how (and whether) they were broken,
//! winners named with their figures, proposals without votes, find-a-time slots named as
//! times in the reader's zone and closed to yes once they have started. Each expected
//! result is worked out by hand in the test.

use super::{poll_id, text};
use crate::i18n::Locale;
use crate::identity::Role;
use crate::reply::Tone;
use crate::testing::{Chat, each_backend};

const DAY_MS: i64 = 86_400_000;

/// The line of `reply` that contains `needle` (without its list bullet).
fn line_with(reply: &str, needle: &str) -> String {
    reply
        .lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{reply}"))
        .trim_start_matches("• ")
        .to_owned()
}

#[tokio::test]
async fn a_tied_single_choice_poll_says_it_is_a_tie_between_the_options() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "poll create Lunch? | pizza | sushi | tacos")
            .await;
        chat.say("alice", "poll vote 1 1").await;
        chat.say("bob", "poll vote 1 2").await;
        // pizza 1, sushi 1, tacos 0: a tie for the top between pizza and sushi.
        let open = text(&chat.say("carol", "poll results 1").await);
        assert!(
            open.contains(
                "So far a tie between pizza and sushi, 1 vote each. A tie when the poll \
                 closes is not broken."
            ),
            "{open}"
        );
        assert!(!open.contains("Most votes"), "{open}");
        let indonesian = chat.invocation("citra", Role::Member, Some(Locale::Id));
        let dibaca = text(&chat.bot.handle_text(&indonesian, "polling hasil 1").await);
        assert!(
            dibaca.contains("Sementara seri antara pizza dan sushi, masing-masing 1 suara."),
            "{dibaca}"
        );
        let closed = text(&chat.say("alice", "poll close 1").await);
        assert!(
            closed.contains("Result: a tie between pizza and sushi, 1 vote each. A tie in this kind of poll is not broken"),
            "{closed}"
        );
        // Poll 2: pizza 2, sushi 1 — a leader while open, the winner once closed.
        chat.say("alice", "poll create Dinner? | pizza | sushi").await;
        for (who, choice) in [("alice", "1"), ("bob", "1"), ("carol", "2")] {
            chat.say(who, &format!("poll vote 2 {choice}")).await;
        }
        let open = text(&chat.say("carol", "poll results 2").await);
        assert!(open.contains("Leading: pizza (2 votes)"), "{open}");
        let closed = text(&chat.say("alice", "poll close 2").await);
        assert!(closed.contains("Winner: pizza (2 votes)"), "{closed}");
    })
    .await;
}

#[tokio::test]
async fn a_score_poll_names_its_winner_and_states_a_tie() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "poll create Venue? | hall | park --kind score")
            .await;
        chat.say("alice", "poll vote 1 5 3").await;
        chat.say("bob", "poll vote 1 4 4").await;
        // hall (5 + 4) / 2 = 4.5, park (3 + 4) / 2 = 3.5.
        let open = text(&chat.say("carol", "poll results 1").await);
        assert!(
            open.contains("Leading: hall, with the highest mean score so far (4.5 of 5)."),
            "{open}"
        );
        let closed = text(&chat.say("alice", "poll close 1").await);
        assert!(
            closed.contains("Winner: hall, with the highest mean score (4.5 of 5)."),
            "{closed}"
        );
        chat.say(
            "alice",
            "poll create Date? | friday | saturday --kind score",
        )
        .await;
        chat.say("alice", "poll vote 2 5 4").await;
        chat.say("bob", "poll vote 2 4 5").await;
        // friday (5 + 4) / 2 = saturday (4 + 5) / 2 = 4.5.
        let closed = text(&chat.say("alice", "poll close 2").await);
        assert!(
            closed.contains(
                "Result: a tie between friday and saturday, each with a mean score of 4.5 of 5."
            ),
            "{closed}"
        );
        assert!(!closed.contains("Winner"), "{closed}");
    })
    .await;
}

#[tokio::test]
async fn a_ranked_poll_of_three_different_favourites_discloses_its_tie_breaks() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say(
            "alice",
            "poll create Next book? | Dune | Emma | Ulysses --kind ranked",
        )
        .await;
        for (who, favourite) in [("a", "1"), ("b", "2"), ("c", "3")] {
            chat.say(who, &format!("poll vote 1 {favourite}")).await;
        }
        // Round 1: 1 · 1 · 1, no earlier round: the lot. Round 2: the two left have 1 each
        // (1 exhausted), as in round 1: the lot again. Round 3: 1 of 1 ballot (2 exhausted).
        let results = text(&chat.say("alice", "poll close 1").await);
        let round1 = line_with(&results, "Round 1:");
        assert!(
            round1.starts_with(
                "Round 1: Dune 1 · Emma 1 · Ulysses 1 (0 ballots exhausted) → tie for fewest between \
                 Dune, Emma and Ulysses (1 each); no earlier round separates them, so the \
                 poll's lot decides → "
            ),
            "{results}"
        );
        let round2 = line_with(&results, "Round 2:");
        assert!(
            round2.contains("(1 ballot exhausted) → tie for fewest between")
                && round2.contains("(1 each); no earlier round separates them"),
            "{results}"
        );
        let winner = line_with(&results, "Winner after instant-runoff:");
        assert!(
            winner.ends_with("with 1 of the 1 ballot still counting in round 3 (2 exhausted)."),
            "{results}"
        );
        assert!(
            results.contains(
                "Tie-breaks decided rounds 1, 2. How ties are broken: `help poll create`"
            ),
            "{results}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_consent_proposal_without_votes_says_so_and_what_its_rule_decided() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "poll create Paint it green? --kind consent")
            .await;
        let open = text(&chat.say("bob", "poll results 1").await);
        assert!(open.contains("No votes yet."), "{open}");
        assert!(!open.contains("does not pass"), "{open}");
        let closed = text(&chat.say("alice", "poll close 1").await);
        assert!(
            closed.contains(
                "Outcome: no votes were cast. Under the consent rule a proposal needs more \
                 agree than disagree votes and no block, so it does not pass."
            ),
            "{closed}"
        );
        chat.say(
            "alice",
            "poll create Paint it blue? --kind consent --rule no-block",
        )
        .await;
        let closed = text(&chat.say("alice", "poll close 2").await);
        assert!(
            closed.contains(
                "Under the no-block rule a proposal that nobody blocks passes, so it passes."
            ),
            "{closed}"
        );
        chat.say(
            "alice",
            "poll create Paint it red? --kind consent --quorum 3",
        )
        .await;
        let closed = text(&chat.say("alice", "poll close 3").await);
        assert!(
            closed.contains("It needed 3 votes (its quorum), so there is no decision."),
            "{closed}"
        );
    })
    .await;
}

#[tokio::test]
async fn find_a_time_confirmations_name_the_slots_in_the_voters_zone() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say_as("mia", Role::Moderator, "settings timezone WIB")
            .await;
        chat.say(
            "alice",
            "poll create Meet when? | tomorrow 19:00 | in 2 days at 10am --kind time",
        )
        .await;
        let voted = chat.say("bob", "poll vote 1 yes no").await;
        let voted = text(&voted);
        // 1 800 000 000 000 ms is Friday 15 January 2027, 15:00 WIB: "tomorrow 19:00" is
        // Saturday 16 January, 19:00 WIB.
        assert!(voted.contains("19:00 WIB: yes; "), "{voted}");
        assert!(voted.contains("10:00 WIB: no"), "{voted}");
        assert!(!voted.contains("tomorrow"), "{voted}");
    })
    .await;
}

#[tokio::test]
async fn a_find_a_time_tie_goes_to_the_earliest_slot() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        // Listed later, but tomorrow 19:00 comes first.
        chat.say(
            "alice",
            "poll create Meet when? | in 3 days at 10:00 | tomorrow 19:00 --kind time",
        )
        .await;
        chat.say("alice", "poll vote 1 yes yes").await;
        chat.say("bob", "poll vote 1 yes yes").await;
        let results = text(&chat.say("alice", "poll results 1").await);
        let best = line_with(&results, "Best time:");
        assert!(best.contains("19:00"), "{results}");
        assert!(
            results.contains("(2 yes, 0 if need be each); the earliest of them wins."),
            "{results}"
        );
    })
    .await;
}

#[tokio::test]
async fn votes_on_slots_that_have_passed_are_refused_on_every_path() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        let card = chat
            .say(
                "alice",
                "poll create Meet when? | tomorrow 19:00 | in 3 days at 10:00 --kind time",
            )
            .await;
        assert!(!text(&card).contains("(passed)"), "{}", text(&card));
        chat.now_ms += 2 * DAY_MS;
        let refused = chat.say("bob", "poll vote 1 yes yes").await;
        assert_eq!(refused.tone, Tone::Error);
        assert!(
            text(&refused).contains(
                "has already passed, so it can no longer be chosen. Answer no for it, e.g. \
                 `poll vote 1 no yes`"
            ),
            "{}",
            text(&refused)
        );
        let maybe = chat.say("bob", "poll vote 1 maybe no").await;
        assert_eq!(maybe.tone, Tone::Error, "{}", text(&maybe));
        let citra = chat.invocation("citra", Role::Member, Some(Locale::Id));
        let ditolak = text(
            &chat
                .bot
                .handle_text(&citra, "polling pilih 1 ya mungkin")
                .await,
        );
        assert!(
            ditolak.contains("sudah lewat, jadi tidak bisa dipilih lagi")
                && ditolak.contains("`polling pilih 1 tidak mungkin`"),
            "{ditolak}"
        );
        // The ballot form (Discord's Vote… button) goes through the same vote.
        let bob = chat.invocation("bob", Role::Member, None);
        let form = chat
            .bot
            .handle_action(&bob, &card.actions()[0].id)
            .await
            .form()
            .cloned()
            .expect("the Vote… button opens a form");
        let by_form = chat
            .bot
            .handle_input(&bob, &form.id, &["yes maybe".to_owned()])
            .await;
        assert!(
            text(&by_form).contains("has already passed"),
            "{}",
            text(&by_form)
        );
        let accepted = chat.say("bob", "poll vote 1 no yes").await;
        assert_eq!(accepted.tone, Tone::Success, "{}", text(&accepted));
        let results = text(&chat.say("bob", "poll results 1").await);
        assert!(results.contains("1 ballot"), "{results}");
        // The card marks the slot that has started.
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let id = poll_id(&chat, 1).await;
        let poll = crate::features::polls::repo::fetch_poll(&mut conn, id)
            .await
            .unwrap()
            .unwrap();
        drop(conn);
        let reader = crate::bot::Reader::of_space(&chat.bot, &chat.space, chat.now_ms).await;
        let card = text(&crate::features::polls::card::card(
            &reader, &poll, None, None,
        ));
        assert!(
            card.contains("1. ") && line_with(&card, "1. ").ends_with("(passed)"),
            "{card}"
        );
        assert!(!line_with(&card, "2. ").ends_with("(passed)"), "{card}");
        chat.now_ms += 2 * DAY_MS;
        let all = chat.say("carol", "poll vote 1 no no").await;
        assert!(
            text(&all)
                .contains("Every time in poll #1 has already passed, so it takes no more votes."),
            "{}",
            text(&all)
        );
    })
    .await;
}

#[tokio::test]
async fn help_for_poll_create_states_how_each_kind_breaks_ties_in_both_languages() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let help = text(&chat.say("alice", "help poll create").await);
        for rule in [
            "options tied for most votes are shown as a tie, not broken",
            "A tie for fewest votes is broken by the latest earlier round",
            "then by lot: a draw fixed when the poll is created",
            "then the earliest slot in time",
            "With no votes, consent and majority do not pass and no-block passes",
        ] {
            assert!(help.contains(rule), "{rule:?} missing:\n{help}");
        }
        let citra = chat.invocation("citra", Role::Member, Some(Locale::Id));
        let bantuan = text(&chat.bot.handle_text(&citra, "bantuan polling buat").await);
        for rule in [
            "undian yang menentukan",
            "lalu waktu yang paling awal",
            "tidak dipecahkan",
        ] {
            assert!(bantuan.contains(rule), "{rule:?} missing:\n{bantuan}");
        }
    })
    .await;
}
