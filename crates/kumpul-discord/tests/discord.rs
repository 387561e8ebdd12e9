#![recursion_limit = "256"]
//! The real serenity client against a fake Discord on 127.0.0.1, with kumpul's core on a
//! fresh SQLite database: registration, slash commands, buttons, autocomplete, pings,
//! localised errors and deferred answers, checked on the recorded REST calls.

mod fake;
mod harness;

use std::time::Duration;

use fake::Recorded;
use fake::payloads::{self, GUILD_ID, button, command, member, modal_submit, select};
use harness::{
    ALICE, BOB, CAROL, EPHEMERAL, Harness, LIVE_INTERVAL, MANAGE_GUILD, component_ids, description,
    flags, option, voter,
};
use kumpul_core::catalogue;
use kumpul_core::i18n::{I18n, Locale};
use serde_json::json;

#[tokio::test]
async fn serenity_connects_through_the_fake_and_never_to_discord() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    assert!(
        harness.fake.gateway_fetched(),
        "serenity asked the fake for the gateway"
    );
    assert!(
        harness.fake.identified(),
        "serenity identified on the fake gateway"
    );
}

#[tokio::test]
async fn registered_commands_match_the_catalogue_with_indonesian_texts() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let registered = harness.registration().await.body;
    let i18n = I18n::load().unwrap();
    let commands = registered.as_array().unwrap();
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = catalogue::COMMANDS.iter().map(|c| c.name).collect();
    assert_eq!(names, expected);
    for command in commands {
        let name = command["name"].as_str().unwrap();
        let spec = catalogue::find(name).unwrap();
        let key = catalogue::description_key(&[name]);
        assert_eq!(command["description"], json!(i18n.lookup(Locale::En, &key)));
        assert_eq!(
            command["description_localizations"]["id"],
            json!(i18n.lookup(Locale::Id, &key))
        );
        for sub in spec.subcommands {
            let registered_sub = command["options"]
                .as_array()
                .unwrap()
                .iter()
                .find(|o| o["name"] == sub.name)
                .unwrap();
            assert_eq!(registered_sub["type"], 1);
            assert_eq!(
                registered_sub["name_localizations"]["id"],
                json!(catalogue::indonesian_name(&[name, sub.name], None).unwrap()),
                "an Indonesian user sees /{name} in Indonesian, subcommands included"
            );
            let key = catalogue::description_key(&[name, sub.name]);
            assert_eq!(
                registered_sub["description_localizations"]["id"],
                json!(i18n.lookup(Locale::Id, &key))
            );
            let options = registered_sub["options"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert_eq!(options.len(), sub.options.len(), "{name} {}", sub.name);
            for spec_option in sub.options {
                let registered = options
                    .iter()
                    .find(|o| o["name"] == spec_option.name)
                    .unwrap();
                assert_eq!(
                    registered["required"],
                    json!(spec_option.required),
                    "{name} {} {}",
                    sub.name,
                    spec_option.name
                );
                let key = catalogue::option_key(&[name, sub.name], spec_option.name);
                assert_eq!(
                    registered["description_localizations"]["id"],
                    json!(i18n.lookup(Locale::Id, &key))
                );
                assert_eq!(
                    registered["name_localizations"]["id"],
                    json!(
                        catalogue::indonesian_name(&[name, sub.name], Some(spec_option.name))
                            .unwrap()
                    )
                );
                if let catalogue::OptionKind::GroupName { existing } = spec_option.kind {
                    // Suggestions only where the group must exist (not `group create`).
                    assert_eq!(
                        registered["autocomplete"],
                        json!(existing),
                        "{name} {} {}",
                        sub.name,
                        spec_option.name
                    );
                }
                if let catalogue::OptionKind::Choice(codes) = spec_option.kind {
                    let choices = registered["choices"].as_array().unwrap();
                    assert_eq!(choices.len(), codes.len());
                    for (choice, code) in choices.iter().zip(codes) {
                        assert_eq!(choice["value"], json!(code));
                        assert_eq!(
                            choice["name_localizations"]["id"],
                            json!(i18n.lookup(Locale::Id, &catalogue::choice_key(code)))
                        );
                    }
                }
            }
        }
    }
    let settings = commands.iter().find(|c| c["name"] == "settings").unwrap();
    let language = settings["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "language")
        .unwrap();
    let choices: Vec<&str> = language["options"][0]["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["value"].as_str().unwrap())
        .collect();
    assert_eq!(choices, ["en", "id"]);
}

#[tokio::test]
async fn a_refused_registration_is_logged_retried_and_its_state_reported() {
    use kumpul_discord::registration::Registration;
    let harness = Harness::start_refusing(Duration::from_secs(2), 2).await;
    let mut states = harness.registration.subscribe();
    let mut seen_failure = None;
    let outcome = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let state = states.borrow_and_update().clone();
            match state {
                Registration::Failed {
                    attempts, error, ..
                } => seen_failure = Some((attempts, error)),
                Registration::Registered { commands, .. } => return commands,
                Registration::Pending => {}
            }
            states
                .changed()
                .await
                .expect("the registration task is alive");
        }
    })
    .await
    .expect("registered after the refusals");
    assert_eq!(outcome, catalogue::COMMANDS.len());
    let (attempts, error) = seen_failure.expect("the failure was reported");
    assert!((1..=2).contains(&attempts), "{attempts}");
    assert!(
        error.contains("50035") && error.contains("0.name"),
        "Discord's field errors are kept: {error}"
    );
    let puts = harness
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "PUT")
        .count();
    assert_eq!(puts, 3, "two refused, one accepted");
    assert_eq!(harness.fake.injected_refusals(), 2);
}

#[tokio::test]
async fn groups_are_created_joined_by_slash_and_button_listed_and_autocompleted() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "101",
            &["group", "create"],
            json!([
                option("name", "hiking"),
                option("description", "Weekend walks")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert_eq!(created["type"], 4);
    assert_eq!(
        flags(&created) & EPHEMERAL,
        0,
        "a new group is announced publicly"
    );
    assert!(
        description(&created).contains("alice** created the group **hiking"),
        "{created:#}"
    );
    let join_button = created["data"]["components"][0]["components"][0]["custom_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(join_button.starts_with("k1:group:join:"), "{join_button}");

    let clicked = harness
        .interact(button("102", &join_button, member(BOB, "bob", 0), "en-US"))
        .await;
    assert_eq!(flags(&clicked) & EPHEMERAL, EPHEMERAL, "joining is private");
    assert!(
        description(&clicked).contains("You joined **hiking**"),
        "{clicked:#}"
    );

    let joined = harness
        .slash(
            "103",
            &["group", "join"],
            json!([option("name", "Hiking")]),
            (CAROL, "carol"),
            "en-US",
        )
        .await;
    assert!(
        description(&joined).contains("You joined **hiking**"),
        "{joined:#}"
    );

    let listed = harness
        .slash(
            "104",
            &["group", "list"],
            json!([]),
            (CAROL, "carol"),
            "en-US",
        )
        .await;
    assert!(
        description(&listed).contains("**hiking** · 3 members"),
        "{listed:#}"
    );

    harness.fake.dispatch(
        "INTERACTION_CREATE",
        payloads::autocomplete(
            "105",
            &["group", "join"],
            "name",
            "HIK",
            member(BOB, "bob", 0),
        ),
    );
    let suggested = harness
        .fake
        .wait_for("autocomplete answer", |c| {
            c.path.contains("/interactions/105/")
        })
        .await
        .body;
    assert_eq!(suggested["type"], 8);
    assert_eq!(
        suggested["data"]["choices"],
        json!([{ "name": "hiking", "value": "hiking" }])
    );
}

#[tokio::test]
async fn a_group_ping_allows_exactly_the_members_and_nothing_from_the_text() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    harness
        .slash(
            "201",
            &["group", "create"],
            json!([option("name", "hiking")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    harness
        .slash(
            "202",
            &["group", "join"],
            json!([option("name", "hiking")]),
            (BOB, "bob"),
            "en-US",
        )
        .await;
    harness
        .slash(
            "203",
            &["group", "join"],
            json!([option("name", "hiking")]),
            (CAROL, "carol"),
            "en-US",
        )
        .await;
    let ping = harness
        .slash(
            "204",
            &["group", "ping"],
            json!([
                option("name", "hiking"),
                option("message", "@everyone <@&1> meet at 7")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert_eq!(flags(&ping) & EPHEMERAL, 0);
    assert_eq!(
        ping["data"]["allowed_mentions"],
        json!({ "parse": [], "users": [BOB, CAROL], "roles": [] })
    );
    assert_eq!(
        ping["data"]["content"],
        json!(format!("<@{BOB}> <@{CAROL}>"))
    );
    let text = description(&ping);
    assert!(
        text.contains("\\@everyone \\<\\@&1\\>"),
        "user text is escaped: {text}"
    );
}

#[tokio::test]
async fn a_user_error_is_ephemeral_and_in_the_users_language() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let error = harness
        .slash(
            "301",
            &["group", "join"],
            json!([option("name", "nothing")]),
            (BOB, "bob"),
            "id",
        )
        .await;
    assert_eq!(flags(&error) & EPHEMERAL, EPHEMERAL);
    assert!(
        description(&error).contains("Tidak ada grup bernama **nothing**"),
        "{error:#}"
    );
    let moderator_only = harness
        .interact(command(
            "302",
            &["settings", "language"],
            json!([option("language", "id")]),
            member(BOB, "bob", 0),
            "en-US",
        ))
        .await;
    assert!(
        description(&moderator_only).contains("Only moderators"),
        "{moderator_only:#}"
    );
    let moderator = harness
        .interact(command(
            "303",
            &["settings", "language"],
            json!([option("language", "id")]),
            member(CAROL, "carol", MANAGE_GUILD),
            "en-US",
        ))
        .await;
    assert!(
        description(&moderator).contains("Bahasa Indonesia"),
        "{moderator:#}"
    );
}

#[tokio::test]
async fn slow_answers_are_deferred_and_completed_by_follow_up() {
    // Defer at once, as if every handler were slow.
    let harness = Harness::start(Duration::ZERO).await;
    let deferred = harness
        .slash("401", &["group", "list"], json!([]), (BOB, "bob"), "en-US")
        .await;
    assert_eq!(deferred["type"], 5, "deferred: {deferred:#}");
    assert_eq!(flags(&deferred) & EPHEMERAL, EPHEMERAL);
    let edited = harness
        .fake
        .wait_for("the deferred answer", |c| {
            c.method == "PATCH" && c.path.ends_with("/token-401/messages/@original")
        })
        .await;
    assert!(
        edited.body["embeds"][0]["description"]
            .as_str()
            .unwrap()
            .contains("no groups here yet"),
        "{:#}",
        edited.body
    );

    // A deferral's visibility is fixed when it is made, so a public answer replaces the
    // private "thinking…" message with kumpul's own public channel message.
    harness
        .slash(
            "402",
            &["group", "create"],
            json!([option("name", "chess")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    harness
        .fake
        .wait_for("deleting the deferred answer", |c| {
            c.method == "DELETE" && c.path.contains("/token-402/")
        })
        .await;
    let channel_path = format!("/channels/{}/messages", payloads::CHANNEL_ID);
    harness
        .fake
        .wait_for("the public channel message", |c| {
            c.method == "POST"
                && c.path.ends_with(&channel_path)
                && description(&json!({ "data": c.body })).contains("created the group **chess**")
        })
        .await;
    assert!(
        !harness
            .fake
            .calls()
            .iter()
            .any(|c| c.method == "POST" && c.path.ends_with("/token-402")),
        "no follow-up that Discord would show only to the author"
    );
}

#[tokio::test]
async fn scheduled_messages_carry_a_nonce_that_discord_enforces_and_ping_only_their_people() {
    use kumpul_core::identity::{ChannelId, Platform, SpaceId, UserId};
    use kumpul_core::notify::{Audience, Delivery, Notifier};
    use kumpul_core::reply::{Inline, Reply, Tone};

    let harness = Harness::start(Duration::from_secs(2)).await;
    let mut reply = Reply::public(
        Tone::Ping,
        vec![Inline::Text("⏰ Reminder: @here stretch".into())],
    );
    reply.mentions.users = vec![UserId::new(Platform::Discord, BOB)];
    let delivery = Delivery {
        key: "reminder:42:1800000000000".into(),
        space: SpaceId::new(Platform::Discord, GUILD_ID),
        channel: Some(ChannelId::new(Platform::Discord, payloads::CHANNEL_ID)),
        audience: Audience::Channel,
        reply,
    };
    harness
        .notifier
        .deliver(&delivery)
        .await
        .expect("delivered");
    // The same delivery again (a retry after a crash) carries the same nonce.
    harness
        .notifier
        .deliver(&delivery)
        .await
        .expect("delivered again");
    let sent = harness
        .fake
        .wait_for_all("two sends", 2, |c| {
            c.method == "POST"
                && c.path
                    .ends_with(&format!("/channels/{}/messages", payloads::CHANNEL_ID))
        })
        .await;
    let nonce = sent[0].body["nonce"].as_str().unwrap().to_owned();
    assert!(nonce.len() <= 25, "{nonce}");
    assert_eq!(sent[1].body["nonce"], json!(nonce));
    assert_eq!(sent[0].body["enforce_nonce"], json!(true));
    assert_eq!(
        sent[0].body["allowed_mentions"],
        json!({ "parse": [], "users": [BOB], "roles": [] })
    );
    assert_eq!(sent[0].body["content"], json!(format!("<@{BOB}>")));
}

#[tokio::test]
async fn members_of_the_configured_role_are_moderators() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let organisers = "8800000000000000008";
    let mut bob = member(BOB, "bob", 0);
    bob["roles"] = json!([organisers]);
    let before = harness
        .interact(command(
            "501",
            &["settings", "timezone"],
            json!([option("zone", "WIB")]),
            bob.clone(),
            "en-US",
        ))
        .await;
    assert!(
        description(&before).contains("Only moderators"),
        "{before:#}"
    );
    let not_admin = harness
        .interact(command(
            "502",
            &["settings", "moderators"],
            json!([{ "name": "role", "type": 8, "value": organisers }]),
            member(CAROL, "carol", MANAGE_GUILD),
            "en-US",
        ))
        .await;
    assert!(
        description(&not_admin).contains("Only admins"),
        "{not_admin:#}"
    );
    let administrator = 1 << 3;
    let set = harness
        .interact(command(
            "503",
            &["settings", "moderators"],
            json!([{ "name": "role", "type": 8, "value": organisers }]),
            member(ALICE, "alice", administrator),
            "en-US",
        ))
        .await;
    assert!(
        description(&set).contains(&format!("<@&{organisers}>")),
        "{set:#}"
    );
    assert_eq!(
        set["data"]["allowed_mentions"]["roles"],
        json!([]),
        "naming the role does not ping it"
    );
    let after = harness
        .interact(command(
            "504",
            &["settings", "timezone"],
            json!([option("zone", "WIB")]),
            bob,
            "en-US",
        ))
        .await;
    assert!(description(&after).contains("Asia/Jakarta"), "{after:#}");
}

#[tokio::test]
async fn a_moderator_can_make_kumpul_leave_the_server() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let refused = harness
        .slash("601", &["bot", "leave"], json!([]), (BOB, "bob"), "en-US")
        .await;
    assert!(
        description(&refused).contains("Only moderators"),
        "{refused:#}"
    );
    let leaving = harness
        .interact(command(
            "602",
            &["bot", "leave"],
            json!([]),
            member(CAROL, "carol", MANAGE_GUILD),
            "en-US",
        ))
        .await;
    assert!(description(&leaving).contains("Goodbye"), "{leaving:#}");
    harness
        .fake
        .wait_for("leaving the guild", |c| {
            c.method == "DELETE" && c.path == format!("/api/v10/users/@me/guilds/{GUILD_ID}")
        })
        .await;
}

#[tokio::test]
async fn poll_buttons_update_the_poll_message_with_coalesced_exact_edits() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "401",
            &["poll", "create"],
            json!([option("poll", "Lunch? | soto | bakso")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let ids = component_ids(&created);
    assert_eq!(ids.len(), 3, "two options and results: {created:#}");
    harness
        .fake
        .wait_for("the posted card's id", |c| {
            c.method == "GET" && c.path.ends_with("/messages/@original")
        })
        .await;
    let started = std::time::Instant::now();
    let clicks = 24;
    for i in 0..clicks {
        let id = format!("41{i:02}");
        harness.fake.dispatch(
            "INTERACTION_CREATE",
            button(&id, &ids[i % 2], voter(i), "en-US"),
        );
    }
    let answers = harness
        .fake
        .wait_for_all("vote callbacks", clicks, |c| {
            c.path.starts_with("/api/v10/interactions/41") && c.path.ends_with("/callback")
        })
        .await;
    assert!(
        answers
            .iter()
            .all(|a| description(&a.body).contains("is saved")),
        "{answers:#?}"
    );
    let edit_path = format!("/messages/{}", fake::ORIGINAL_ID);
    let exact = harness
        .fake
        .wait_for("an edit showing every vote", |c| {
            c.method == "PATCH"
                && c.path.ends_with(&edit_path)
                && description(&json!({ "data": c.body })).contains("24 ballots")
        })
        .await;
    let elapsed = started.elapsed();
    let edits = harness
        .fake
        .calls()
        .into_iter()
        .filter(|c| c.method == "PATCH" && c.path.ends_with(&edit_path))
        .count() as u128;
    assert!(
        edits <= elapsed.as_millis() / LIVE_INTERVAL.as_millis() + 1,
        "{edits} edits in {elapsed:?}"
    );
    let shown = description(&json!({ "data": exact.body }));
    assert!(shown.contains("(12)"), "{shown}");
    assert_eq!(
        exact.body["allowed_mentions"]["parse"],
        json!([]),
        "an edit pings nobody"
    );

    let exported = harness
        .slash(
            "402",
            &["poll", "export"],
            json!([{ "name": "number", "type": 4, "value": 1 }]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert_eq!(
        exported["data"]["attachments"][0]["filename"], "poll-1.csv",
        "the CSV is uploaded with the answer: {exported:#}"
    );
    assert!(
        description(&exported).contains("24 ballots"),
        "{exported:#}"
    );
}

#[tokio::test]
async fn multiple_choice_uses_a_menu_and_ranked_ballots_a_form() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "501",
            &["poll", "create"],
            json!([
                option("poll", "Snacks? | chips | nuts | fruit"),
                option("kind", "multiple"),
                json!({ "name": "max", "type": 4, "value": 2 })
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let menu = &created["data"]["components"][0]["components"][0];
    assert_eq!(menu["type"], 3, "a string select: {created:#}");
    assert_eq!(
        (menu["min_values"].as_u64(), menu["max_values"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(menu["options"][2]["label"], "3. fruit");
    let picked = harness
        .interact(select(
            "502",
            menu["custom_id"].as_str().unwrap(),
            &["1", "3"],
            member(BOB, "bob", 0),
            "en-US",
        ))
        .await;
    assert!(
        description(&picked).contains("saved\\: chips, fruit"),
        "{picked:#}"
    );
    assert_eq!(flags(&picked) & EPHEMERAL, EPHEMERAL);

    let ranked = harness
        .slash(
            "503",
            &["poll", "create"],
            json!([
                option("poll", "Film? | a | b | c"),
                option("kind", "ranked")
            ]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let ballot = component_ids(&ranked)
        .into_iter()
        .find(|id| id.contains(":ballot:"))
        .expect("a ballot button");
    let form = harness
        .interact(button("504", &ballot, member(BOB, "bob", 0), "en-US"))
        .await;
    assert_eq!(form["type"], 9, "a modal: {form:#}");
    assert_eq!(form["data"]["custom_id"], ballot);
    let input = &form["data"]["components"][0]["components"][0];
    assert_eq!(input["type"], 4);
    assert_eq!(input["placeholder"], "3 2 1");
    let voted = harness
        .interact(modal_submit(
            "505",
            &ballot,
            "2 3 1",
            member(BOB, "bob", 0),
            "en-US",
        ))
        .await;
    assert!(
        description(&voted).contains("saved\\: 1. b, 2. c, 3. a"),
        "{voted:#}"
    );
    let wrong = harness
        .interact(modal_submit(
            "506",
            &ballot,
            "9",
            member(BOB, "bob", 0),
            "en-US",
        ))
        .await;
    assert!(description(&wrong).contains("not an option"), "{wrong:#}");
}

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
                json!({ "name": "capacity", "type": 4, "value": 1 })
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
    let bob = harness
        .interact(button("602", going, member(BOB, "bob", 0), "en-US"))
        .await;
    assert!(description(&bob).contains("You are going"), "{bob:#}");
    assert_eq!(flags(&bob) & EPHEMERAL, EPHEMERAL);
    let carol = harness
        .interact(button("603", going, member(CAROL, "carol", 0), "id"))
        .await;
    assert!(
        description(&carol).contains("daftar tunggu"),
        "full, in carol's language: {carol:#}"
    );
    let edit_path = format!("/messages/{}", fake::ORIGINAL_ID);
    harness
        .fake
        .wait_for("the card showing the answers", |c| {
            c.method == "PATCH"
                && c.path.ends_with(&edit_path)
                && description(&json!({ "data": c.body })).contains("Waitlist\\: 1")
        })
        .await;

    // Answers change the card, not the scheduled event; a new place changes both.
    let event_path = format!("/scheduled-events/{}", fake::SCHEDULED_EVENT_ID);
    let moved = harness
        .slash(
            "605",
            &["event", "edit"],
            json!([
                { "name": "number", "type": 4, "value": 1 },
                option("where", "Taman Suropati")
            ]),
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

    let cancelled = harness
        .slash(
            "604",
            &["event", "cancel"],
            json!([{ "name": "number", "type": 4, "value": 1 }]),
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
            && description(&json!({ "data": c.body })).contains("Create Events")
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
    let note = description(&json!({ "data": notes[0].body }));
    assert!(note.starts_with("Moderators"), "{note}");
    assert_eq!(
        notes[0].body["allowed_mentions"]["parse"],
        json!([]),
        "a note pings nobody by accident"
    );
}

#[tokio::test]
async fn an_idea_upvote_button_counts_and_updates_the_idea_message() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let added = harness
        .slash(
            "701",
            &["idea", "add"],
            json!([option("text", "Repair café every month")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let upvote = component_ids(&added)
        .into_iter()
        .find(|id| id.starts_with("k1:idea:vote:"))
        .expect("an upvote button");
    let clicked = harness
        .interact(button("702", &upvote, member(BOB, "bob", 0), "en-US"))
        .await;
    assert!(
        description(&clicked).contains("You upvoted idea"),
        "{clicked:#}"
    );
    assert_eq!(flags(&clicked) & EPHEMERAL, EPHEMERAL);
    let edit_path = format!("/messages/{}", fake::ORIGINAL_ID);
    harness
        .fake
        .wait_for("the idea showing its upvote", |c| {
            c.method == "PATCH"
                && c.path.ends_with(&edit_path)
                && description(&json!({ "data": c.body })).contains("1 upvote")
        })
        .await;
}

#[tokio::test]
async fn a_thread_opens_on_the_header_and_its_activity_feeds_the_digest() {
    use fake::payloads::{message_in, reaction, user};

    let harness = Harness::start(Duration::from_secs(2)).await;
    let started = harness
        .slash(
            "801",
            &["thread", "start"],
            json!([option("topic", "Summer trip plans")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert!(
        description(&started).contains("Summer trip plans"),
        "{started:#}"
    );
    let opened = harness
        .fake
        .wait_for("the thread opened on the header", |c| {
            c.method == "POST" && c.path.ends_with("/threads")
        })
        .await;
    assert_eq!(
        opened.path,
        format!(
            "/api/v10/channels/{}/messages/{}/threads",
            payloads::CHANNEL_ID,
            fake::ORIGINAL_ID
        ),
        "a public thread on the header message, in the channel of the command"
    );
    assert_eq!(opened.body["name"], "Summer trip plans");
    assert_eq!(opened.body["type"], 11);

    // Two people write in the thread and one message gets a reaction.
    tokio::time::sleep(Duration::from_millis(300)).await;
    for (id, author) in [
        ("9001", (BOB, "bob")),
        ("9002", (CAROL, "carol")),
        ("9003", (BOB, "bob")),
    ] {
        harness.fake.dispatch(
            "MESSAGE_CREATE",
            message_in(id, fake::THREAD_ID, user(author.0, author.1, false)),
        );
    }
    harness.fake.dispatch(
        "MESSAGE_REACTION_ADD",
        reaction(ALICE, fake::THREAD_ID, "9002"),
    );
    let mut digest = String::new();
    for attempt in 0..20 {
        let answer = harness
            .slash(
                &format!("81{attempt:02}"),
                &["thread", "digest"],
                json!([{ "name": "number", "type": 4, "value": 1 }]),
                (ALICE, "alice"),
                "en-US",
            )
            .await;
        digest = description(&answer);
        if digest.contains("3 messages") && digest.contains("1 reaction") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(digest.contains("3 messages from 2 people"), "{digest}");
    assert!(digest.contains("carol, 1 reaction"), "{digest}");
    assert!(
        digest.contains(&format!("/{}/9002", fake::THREAD_ID)),
        "a link to the message: {digest}"
    );

    let closed = harness
        .slash(
            "802",
            &["thread", "close"],
            json!([{ "name": "number", "type": 4, "value": 1 }]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert!(
        description(&closed).contains("archived thread"),
        "{closed:#}"
    );
    let archived = harness
        .fake
        .wait_for("the thread archived", |c| {
            c.method == "PATCH" && c.path == format!("/api/v10/channels/{}", fake::THREAD_ID)
        })
        .await;
    assert_eq!(archived.body["archived"], true);
}

#[tokio::test]
async fn a_dropped_gateway_connection_is_resumed_and_no_click_is_lost() {
    let harness = Harness::start(Duration::from_secs(2)).await;
    let created = harness
        .slash(
            "901",
            &["poll", "create"],
            json!([option("poll", "Lunch? | soto | bakso")]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    let soto = component_ids(&created)[0].clone();
    let click = |i: usize| {
        harness.fake.dispatch(
            "INTERACTION_CREATE",
            button(&format!("91{i:02}"), &soto, voter(i), "en-US"),
        );
    };
    for i in 0..10 {
        click(i);
    }
    harness.fake.drop_connection();
    // Clicks while the connection is down are replayed when serenity resumes.
    for i in 10..20 {
        click(i);
    }
    let answers = harness
        .fake
        .wait_for_all("every click answered", 20, |c| {
            c.path.starts_with("/api/v10/interactions/91") && c.path.ends_with("/callback")
        })
        .await;
    assert_eq!(answers.len(), 20, "each click answered once");
    let (identifies, resumes) = harness.fake.sessions();
    assert_eq!(identifies, 1, "the session was resumed, not started again");
    assert!(resumes >= 1);
    let results = harness
        .slash(
            "902",
            &["poll", "results"],
            json!([{ "name": "number", "type": 4, "value": 1 }]),
            (ALICE, "alice"),
            "en-US",
        )
        .await;
    assert!(description(&results).contains("20 ballots"), "{results:#}");
}
