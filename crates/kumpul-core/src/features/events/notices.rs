//! What people are told when an event changes, its places, and what its card says about
//! reminders, in English and Indonesian, on every backend.

use super::repo;
use crate::identity::Role;
use crate::reply::{Reply, Tone, Visibility};
use crate::testing::{Chat, each_backend};

fn ms(instant: &str) -> i64 {
    instant.parse::<jiff::Timestamp>().unwrap().as_millisecond()
}

/// The user ids a reply pings, sorted.
fn pinged(reply: &Reply) -> Vec<String> {
    let mut ids: Vec<String> = reply.mentions.users.iter().map(|u| u.id.clone()).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn a_change_notice_lists_each_change_old_to_new_and_pings_only_who_answered() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2027-01-15T08:00:00Z");
        chat.say(
            "alice",
            "event create 2027-01-20 19:00 Picnic --where Park --capacity 10",
        )
        .await;
        chat.say("bob", "rsvp 1 going").await;
        chat.say("carol", "rsvp 1 maybe").await;
        let edit = "event edit 1 --when \"2027-01-21 18:00\" --where \"Taman @everyone\" \
                    --capacity 12 --title Feast --duration 3h --remind 2h \
                    --rsvp-by \"2027-01-21 12:00\"";
        let notice = chat.say("alice", edit).await;
        assert_eq!(notice.visibility, Visibility::Public);
        let text = notice.plain_text();
        for line in [
            "alice changed event #1:",
            "When: Wed 20 Jan 2027, 19:00 UTC (in 5 days) → Thu 21 Jan 2027, 18:00 UTC (in 6 days)",
            "Title: Picnic → Feast",
            "Where: Park → Taman @everyone",
            "Length: 2 hours → 3 hours",
            "Places: 10 places → 12 places",
            "Answers close: when it starts → 6 hours before",
            "Reminders: 1 day, 1 hour before → 2 hours before",
        ] {
            assert!(text.contains(line), "{line} in {text}");
        }
        assert_eq!(pinged(&notice), ["bob", "carol"], "only who answered");
        assert!(
            notice.mentions.roles.is_empty(),
            "no roles, whatever the text says"
        );

        // The same details again: nothing stored, nobody pinged.
        let again = chat
            .say("alice", "event edit 1 --title Feast --capacity 12")
            .await;
        assert_eq!(
            (again.visibility, again.tone),
            (Visibility::Private, Tone::Info)
        );
        assert!(again.mentions.is_empty());
        assert!(
            again.plain_text().contains("nothing changed"),
            "{}",
            again.plain_text()
        );

        chat.say_as("alice", Role::Admin, "settings language id")
            .await;
        let id = chat
            .say(
                "alice",
                "event edit 1 --tempat \"Balai warga\" --kapasitas tanpa",
            )
            .await
            .plain_text();
        assert!(id.contains("alice mengubah acara #1:"), "{id}");
        assert!(id.contains("Tempat: Taman @everyone → Balai warga"), "{id}");
        assert!(id.contains("Kapasitas: 12 tempat → tanpa batas"), "{id}");
    })
    .await;
}

#[tokio::test]
async fn a_series_notice_names_the_old_and_new_rule_and_next_date_in_the_spaces_zone() {
    each_backend(|store| async move {
        let mut chat = Chat::new(store);
        chat.now_ms = ms("2026-10-19T12:00:00Z");
        chat.say_as("alice", Role::Admin, "settings timezone Europe/Berlin")
            .await;
        chat.say("alice", "event create every thursday 19:00 Choir")
            .await;
        chat.say("bob", "rsvp 1 going").await;
        let text = chat
            .say("alice", "event edit 1 --when \"every thursday 18:30\"")
            .await
            .plain_text();
        assert!(
            text.contains("Repeats: every Thu at 19:00 → every Thu at 18:30"),
            "{text}"
        );
        assert!(
            text.contains(
                "Next date: Thu 22 Oct 2026, 19:00 CEST (in 3 days) → Thu 22 Oct 2026, 18:30 CEST"
            ),
            "{text}"
        );
    })
    .await;
}

#[tokio::test]
async fn lowering_the_capacity_below_the_places_taken_is_refused_and_says_what_to_type() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        chat.say("alice", "event create tomorrow 19:00 Workshop --capacity 5")
            .await;
        chat.say("bob", "rsvp 1 going 1").await;
        chat.say("carol", "rsvp 1 going").await;
        let refused = chat.say("alice", "event edit 1 --capacity 2").await;
        assert_eq!(refused.tone, Tone::Error);
        let text = refused.plain_text();
        assert!(text.contains("3 places of event #1 are taken"), "{text}");
        assert!(text.contains("`event edit 1 --capacity 3`"), "{text}");
        assert!(text.contains("`event edit 1 --capacity none`"), "{text}");
        let info = chat.say("alice", "event info 1").await.plain_text();
        assert!(info.contains("Going: 3 of 5 places"), "unchanged: {info}");

        assert_eq!(
            chat.say("alice", "event edit 1 --capacity 3").await.tone,
            Tone::Info
        );
        let dave = chat.say("dave", "rsvp 1 going").await.plain_text();
        assert!(dave.contains("waitlist"), "{dave}");
        let wrong = chat.say("alice", "event edit 1 --capacity lots").await;
        assert_eq!(wrong.tone, Tone::Error);
        assert!(
            wrong
                .plain_text()
                .contains("lots is not a number of places"),
            "{}",
            wrong.plain_text()
        );

        // No limit any more: whoever waited is going.
        let open = chat.say("alice", "event edit 1 --capacity none").await;
        assert!(
            open.plain_text().contains("Places: 3 places → no limit"),
            "{}",
            open.plain_text()
        );
        let info = chat.say("alice", "event info 1").await.plain_text();
        assert!(info.contains("Going: 4 · Maybe: 0 · Waitlist: 0"), "{info}");
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let event = repo::fetch_event_by_number(&mut conn, &chat.space.key(), 1)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(event.capacity, None);
    })
    .await;
}

#[tokio::test]
async fn the_card_says_when_reminders_go_out() {
    each_backend(|store| async move {
        let chat = Chat::new(store);
        let card = chat
            .say("alice", "event create tomorrow 19:00 Picnic")
            .await;
        assert!(
            card.plain_text()
                .contains("Reminders: 1 day, 1 hour before"),
            "{}",
            card.plain_text()
        );
        let off = chat.say("alice", "event edit 1 --remind none").await;
        assert!(
            off.plain_text().contains("Reminders: none"),
            "{}",
            off.plain_text()
        );
        chat.say_as("alice", Role::Admin, "settings language id")
            .await;
        let id = chat
            .say("alice", "event edit 1 --remind 30m")
            .await
            .plain_text();
        assert!(id.contains("Pengingat: 30 menit sebelumnya"), "{id}");
    })
    .await;
}

#[tokio::test]
async fn a_capacity_lowered_while_people_answer_never_ends_below_the_places_taken() {
    each_backend(|store| async move {
        let chat = std::sync::Arc::new(Chat::new(store));
        chat.say("alice", "event create tomorrow 19:00 Workshop")
            .await;
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..24 {
            let chat = chat.clone();
            tasks.spawn(async move {
                if i == 12 {
                    // Accepted while at most 10 places are taken, refused after.
                    let reply = chat.say("alice", "event edit 1 --capacity 10").await;
                    assert!(
                        matches!(reply.tone, Tone::Info | Tone::Error),
                        "{}",
                        reply.plain_text()
                    );
                } else {
                    chat.say(&format!("p{i:02}"), "rsvp 1 going").await;
                }
            });
        }
        while let Some(done) = tasks.join_next().await {
            done.unwrap();
        }
        let mut conn = chat.bot.store().pool().acquire().await.unwrap();
        let event = repo::fetch_event_by_number(&mut conn, &chat.space.key(), 1)
            .await
            .unwrap()
            .unwrap();
        let occurrence = super::model::occurrences_from(&event, &[], chat.now_ms, 1)[0];
        let rsvps = repo::list_rsvps(&mut conn, event.id, occurrence.key)
            .await
            .unwrap();
        let taken = super::card::taken(&rsvps);
        assert!(
            event.capacity.is_none_or(|c| taken <= c),
            "{taken} going of {:?} places",
            event.capacity
        );
    })
    .await;
}
