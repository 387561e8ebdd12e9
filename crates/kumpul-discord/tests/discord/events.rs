//! Events: buttons answer, the card shows Discord timestamps and counts, the event is
//! mirrored as a scheduled event, and without Create Events the moderators are told.

use std::time::Duration;

use crate::fake::{self, Recorded, payloads};
use crate::harness::{
    ALICE, BOB, CAROL, EPHEMERAL, Harness, component_ids, description, flags, integer, option,
    sent_description,
};
use serde_json::json;
use serenity::all::Timestamp;

#[tokio::test]
async fn event_buttons_answer_and_the_card_shows_discord_timestamps_and_counts() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "601",
            &["event", "create"],
            json!([
                option("when", "tomorrow 19:00"),
                option("title", "Board games"),
                integer("capacity", 1)
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let fields = created["data"]["embeds"][0]["fields"].to_string();
    assert!(
        fields.contains(":F>") && fields.contains(":R>"),
        "native timestamps: {fields}"
    );
    let ids = component_ids(&created);
    assert_eq!(ids.len(), 3, "{created:#}");
    // Mirrored as a Discord scheduled event.
    let mirrored = harness
        .fake
        .wait_for("the scheduled event", |c| {
            c.method == "POST" && c.path.ends_with("/scheduled-events")
        })
        .await;
    assert_eq!(mirrored.body["name"], "Board games");
    assert_eq!(mirrored.body["entity_type"], 3);
    assert!(
        mirrored.body["scheduled_end_time"].is_string(),
        "{:#}",
        mirrored.body
    );
    let going = ids.iter().find(|id| id.ends_with("/going")).unwrap();
    let bob = harness.click("602", going, (BOB, "bob"), "en-US").await;
    assert!(description(&bob).contains("You are going"), "{bob:#}");
    assert_eq!(flags(&bob) & EPHEMERAL, EPHEMERAL);
    let carol = harness.click("603", going, (CAROL, "carol"), "id").await;
    assert!(
        description(&carol).contains("daftar tunggu"),
        "full, in carol's language: {carol:#}"
    );
    harness
        .card_edited("the card showing the answers", "Waitlist\\: 1")
        .await;

    // Answers change the card, not the scheduled event; a new place changes both.
    a_new_place_changes_the_scheduled_event(&harness).await;
    cancelling_cancels_the_scheduled_event(&harness).await;
}

/// `/event edit` with a new place edits the scheduled event once, sending only the place.
async fn a_new_place_changes_the_scheduled_event(harness: &Harness) {
    let event_path = format!("/scheduled-events/{}", fake::SCHEDULED_EVENT_ID);
    let moved = harness
        .slash(
            "605",
            &["event", "edit"],
            json!([integer("number", 1), option("where", "Taman Suropati")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert!(moved.to_string().contains("Taman Suropati"), "{moved:#}");
    let place = harness
        .fake
        .wait_for("the scheduled event moved", |c| {
            c.method == "PATCH" && c.path.ends_with(&event_path)
        })
        .await;
    assert_eq!(place.body["entity_metadata"]["location"], "Taman Suropati");
    assert!(
        place.body.get("name").is_none() && place.body.get("scheduled_start_time").is_none(),
        "only what changed is sent: {:#}",
        place.body
    );
    let edits = harness
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "PATCH" && c.path.ends_with(&event_path))
        .count();
    assert_eq!(edits, 1, "one edit, for the place; none for the answers");
}

/// `/event cancel` cancels the scheduled event, changing only its status.
async fn cancelling_cancels_the_scheduled_event(harness: &Harness) {
    let cancelled = harness
        .slash(
            "604",
            &["event", "cancel"],
            json!([integer("number", 1)]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert!(
        description(&cancelled).contains("cancelled event"),
        "{cancelled:#}"
    );
    let status = harness
        .fake
        .wait_for("the scheduled event cancelled", |c| {
            c.method == "PATCH"
                && c.path
                    .ends_with(&format!("/scheduled-events/{}", fake::SCHEDULED_EVENT_ID))
                && c.body["status"] == 4
        })
        .await;
    assert!(
        status.body.get("name").is_none(),
        "only the status changes: {:#}",
        status.body
    );
}

#[tokio::test]
async fn without_create_events_the_moderators_are_told_once_what_to_grant() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    harness.fake.deny_scheduled_events();
    let channel_path = format!("/channels/{}/messages", payloads::CHANNEL_ID);
    let is_note = |c: &Recorded| {
        c.method == "POST"
            && c.path.ends_with(&channel_path)
            && sent_description(&c.body).contains("Create Events")
    };
    for (n, id) in [(1, "611"), (2, "612")] {
        let created = harness
            .slash(
                id,
                &["event", "create"],
                json!([
                    option("when", "tomorrow 19:00"),
                    option("title", &format!("Board games {n}"))
                ]),
                (ALICE, "alice"),
                "en-US",
            )
            .await;
        assert!(created.to_string().contains("Board games"), "{created:#}");
        harness
            .fake
            .wait_for_all("the scheduled event tried", n, |c| {
                c.method == "POST" && c.path.ends_with("/scheduled-events")
            })
            .await;
        harness
            .fake
            .wait_for("the note to moderators", is_note)
            .await;
    }
    let notes: Vec<Recorded> = harness.fake.calls().into_iter().filter(is_note).collect();
    assert_eq!(notes.len(), 1, "told once: {notes:#?}");
    let note = sent_description(&notes[0].body);
    assert!(note.starts_with("Moderators"), "{note}");
    assert_eq!(
        notes[0].body["allowed_mentions"]["parse"],
        json!([]),
        "a note pings nobody by accident"
    );
}

/// A daily series planned two days ago whose date today ended an hour ago, with its
/// scheduled event recorded as mirrored back then. Discord ended that scheduled event at
/// its end time and refuses to edit it (180000), as the fake does; so once the scheduler
/// runs (here right after a restart, the roll found missed), kumpul tries the edit, is
/// refused, and mirrors tomorrow's date as a new scheduled event.
#[tokio::test]
async fn after_an_occurrence_ends_the_next_date_is_mirrored_as_a_new_scheduled_event() {
    use kumpul_core::port::{
        Actor, AnchorKind, ChannelId, Clock, Invocation, Platform, Role, Scheduler,
        SchedulerConfig, SpaceId, SystemClock, UserId,
    };

    let harness = Harness::start(Duration::from_secs(2)).await;
    let now = SystemClock.now_ms();
    let minute = 60_000;
    // Today's date began 90 minutes ago (to the minute) and lasted 30 minutes.
    let began = (now - 90 * minute) / minute * minute;
    // The test space keeps the default zone, UTC.
    let of_day = began / minute % 1440;
    let hhmm = format!("{:02}:{:02}", of_day / 60, of_day % 60);
    let space = SpaceId::new(Platform::Discord, payloads::GUILD_ID);
    let invocation = Invocation {
        space: space.clone(),
        channel: Some(ChannelId::new(Platform::Discord, payloads::CHANNEL_ID)),
        actor: Actor {
            user: UserId::new(Platform::Discord, ALICE),
            display_name: "alice".into(),
            role: Role::Member,
            roles: Vec::new(),
            locale: None,
        },
        now_ms: now - 2 * 86_400_000,
        space_locale: None,
    };
    let created = harness
        .bot
        .handle_text(
            &invocation,
            &format!("event create every day at {hhmm} Standup --duration 30m"),
        )
        .await;
    let anchor = created.anchor().expect("the card is tracked");
    assert_eq!(anchor.kind, AnchorKind::Event);
    let mirrored = format!(
        "{}{}",
        kumpul_discord::calendar::PREFIX,
        fake::SCHEDULED_EVENT_ID
    );
    harness
        .bot
        .record_posted(anchor, &space, None, &mirrored, true)
        .await
        .unwrap();
    harness
        .fake
        .seed_scheduled_event(fake::SCHEDULED_EVENT_ID, began + 30 * minute);

    let scheduler = Scheduler::new(
        harness.bot.clone(),
        harness.notifier.clone(),
        std::sync::Arc::new(SystemClock),
        SchedulerConfig::default(),
    );
    scheduler.start().await.unwrap();
    scheduler.run_due().await.unwrap();
    let path = format!("/scheduled-events/{}", fake::SCHEDULED_EVENT_ID);
    harness
        .fake
        .wait_for("the edit of the ended scheduled event", |c| {
            c.method == "PATCH" && c.path.ends_with(&path)
        })
        .await;
    let moved = harness
        .fake
        .wait_for("tomorrow's date mirrored anew", |c| {
            c.method == "POST" && c.path.ends_with("/scheduled-events")
        })
        .await;
    let start = moved.body["scheduled_start_time"]
        .as_str()
        .unwrap_or_default();
    let start = Timestamp::parse(start).expect("a start time is sent");
    assert_eq!(
        start.unix_timestamp() * 1000,
        began + 86_400_000,
        "tomorrow's date: {:#}",
        moved.body
    );
}

#[tokio::test]
async fn a_weekly_series_is_mirrored_with_discords_recurrence_rule() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    harness
        .slash(
            "611",
            &["event", "create"],
            json!([
                option("when", "every tuesday 12:00"),
                option("title", "Meetup")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let mirrored = harness
        .fake
        .wait_for("the scheduled event", |c| {
            c.method == "POST" && c.path.ends_with("/scheduled-events")
        })
        .await;
    let rule = &mirrored.body["recurrence_rule"];
    assert_eq!(rule["frequency"], 2, "weekly: {:#}", mirrored.body);
    assert_eq!(rule["interval"], 1);
    assert_eq!(rule["by_weekday"], json!([1]), "Tuesday is 1 for Discord");
    let same_instant = |a: &serde_json::Value, b: &serde_json::Value| {
        let parse =
            |v: &serde_json::Value| serenity::all::Timestamp::parse(v.as_str().unwrap()).unwrap();
        parse(a).unix_timestamp() == parse(b).unix_timestamp()
    };
    assert!(
        same_instant(&rule["start"], &mirrored.body["scheduled_start_time"]),
        "{:#}",
        mirrored.body
    );

    // A new rule edits the scheduled event's recurrence_rule with it.
    harness
        .slash(
            "613",
            &["event", "edit"],
            json!([
                integer("number", 1),
                option("when", "every wednesday 12:00")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let event_path = format!("/scheduled-events/{}", fake::SCHEDULED_EVENT_ID);
    let edited = harness
        .fake
        .wait_for("the scheduled event's new rule", |c| {
            c.method == "PATCH" && c.path.ends_with(&event_path)
        })
        .await;
    let rule = &edited.body["recurrence_rule"];
    assert_eq!(
        rule["by_weekday"],
        json!([2]),
        "Wednesday: {:#}",
        edited.body
    );
    assert!(
        same_instant(&rule["start"], &edited.body["scheduled_start_time"]),
        "{:#}",
        edited.body
    );

    // A series with an end: Discord lets no application set one, so its next date only.
    harness
        .slash(
            "612",
            &["event", "create"],
            json!([
                option("when", "every tuesday 12:00 10 times"),
                option("title", "Course")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let course = harness
        .fake
        .wait_for("the second scheduled event", |c| {
            c.method == "POST"
                && c.path.ends_with("/scheduled-events")
                && c.body["name"] == "Course"
        })
        .await;
    assert!(
        course
            .body
            .get("recurrence_rule")
            .is_none_or(serde_json::Value::is_null),
        "{:#}",
        course.body
    );
    assert!(
        harness.fake.rejected().is_empty(),
        "{:?}",
        harness.fake.rejected()
    );
}
