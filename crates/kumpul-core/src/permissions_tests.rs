//! Who may do what: every restricted command against every kind of person, each in a fresh
//! space where alice created the group, poll, event, thread and idea, bob joined the group,
//! carol did not, and "mod" is a moderator who is not in the group.

use crate::identity::Role;
use crate::reply::Tone;
use crate::testing::{Chat, each_backend};

/// The people of the table: (name, role).
const OWNER: (&str, Role) = ("alice", Role::Member);
const MEMBER: (&str, Role) = ("bob", Role::Member);
const MODERATOR: (&str, Role) = ("mod", Role::Moderator);
const OUTSIDER: (&str, Role) = ("carol", Role::Member);

/// (command, allowed for [owner, member, moderator, outsider]).
const TABLE: &[(&str, [bool; 4])] = &[
    (
        "group edit hiking --description Walks",
        [true, false, true, false],
    ),
    ("group delete hiking", [true, false, true, false]),
    ("group ping hiking see you", [true, true, true, false]),
    (
        "remind group hiking in 1 hour pack water",
        [true, true, true, false],
    ),
    (
        "poll create Where? | a | b --group hiking",
        [true, true, true, false],
    ),
    ("poll vote 1 1", [true, true, false, false]),
    ("poll close 1", [true, false, true, false]),
    ("poll nudge 1", [true, false, true, false]),
    (
        "event create tomorrow 19:00 Walk --group hiking",
        [true, true, true, false],
    ),
    (
        "event edit 1 --title \"Longer walk\"",
        [true, false, true, false],
    ),
    ("event cancel 1", [true, false, true, false]),
    ("idea add Picnic --group hiking", [true, true, true, false]),
    ("idea status 1 planned", [false, false, true, false]),
    (
        "thread start Plans --group hiking --ping",
        [true, true, true, false],
    ),
    ("thread close 1", [true, false, true, false]),
    ("settings language id", [false, false, true, false]),
    (
        "settings timezone Asia/Jakarta",
        [false, false, true, false],
    ),
    ("settings reminders 2h", [false, false, true, false]),
    ("bot leave", [false, false, true, false]),
];

async fn setup(chat: &Chat) {
    for line in [
        "group create hiking",
        "poll create Lunch? | soto | bakso --group hiking",
        "event create tomorrow 18:00 Picnic",
        "thread start Summer plans",
        "idea add Repair café",
    ] {
        let reply = chat.say(OWNER.0, line).await;
        assert_ne!(
            reply.tone,
            Tone::Error,
            "setup {line}: {}",
            reply.plain_text()
        );
    }
    let joined = chat.say(MEMBER.0, "group join hiking").await;
    assert_ne!(joined.tone, Tone::Error);
}

#[tokio::test]
async fn every_restricted_command_allows_exactly_the_right_people() {
    each_backend(|store| async move {
        let mut failures = Vec::new();
        for (command, allowed) in TABLE {
            for (who, expected) in [OWNER, MEMBER, MODERATOR, OUTSIDER].iter().zip(allowed) {
                // A fresh space per cell, so one cell's effect cannot decide another's.
                let chat = Chat {
                    space: crate::identity::SpaceId::new(
                        crate::identity::Platform::Console,
                        format!("perm-{}", fastrand::u64(..)),
                    ),
                    ..Chat::new(store.clone())
                };
                setup(&chat).await;
                let reply = chat.say_as(who.0, who.1, command).await;
                let got = reply.tone != Tone::Error;
                if got != *expected {
                    failures.push(format!(
                        "{command:?} as {}: expected {}, got {} ({})",
                        who.0,
                        if *expected { "allowed" } else { "denied" },
                        if got { "allowed" } else { "denied" },
                        reply.plain_text()
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    })
    .await;
}

/// The moderator role is the core's decision: on a platform whose surface has roles, an
/// admin picks one and a member holding it may then moderate; where the surface has no
/// roles (the console) the setting is refused.
#[tokio::test]
async fn holders_of_the_chosen_role_moderate_where_the_platform_has_roles() {
    use crate::identity::{Platform, RoleId, SpaceId};
    each_backend(|store| async move {
        let console = Chat::new(store.clone());
        let refused = console
            .say_as("admin", Role::Admin, "settings moderators discord:42")
            .await;
        assert_eq!(refused.tone, Tone::Error, "{}", refused.plain_text());

        let chat = Chat {
            space: SpaceId::new(Platform::Discord, "1234"),
            ..Chat::new(store)
        };
        chat.bot.describe_surface(
            Platform::Discord,
            crate::surface::Surface {
                roles: true,
                ..Default::default()
            },
        );
        let set = chat
            .say_as("admin", Role::Admin, "settings moderators discord:42")
            .await;
        assert_eq!(set.tone, Tone::Success, "{}", set.plain_text());
        let typed = chat
            .say_as("admin", Role::Admin, "settings moderators <@&42>")
            .await;
        assert_eq!(typed.tone, Tone::Error, "only a role key is read");
        let mut holder = chat.invocation("dora", Role::Member, None);
        holder.actor.roles = vec![RoleId::new(Platform::Discord, "42")];
        let other = chat.invocation("erin", Role::Member, None);
        chat.say("alice", "group create hiking").await;
        let by_holder = chat
            .bot
            .handle_text(&holder, "group edit hiking --description Walks")
            .await;
        assert_eq!(by_holder.tone, Tone::Success, "{}", by_holder.plain_text());
        let by_other = chat
            .bot
            .handle_text(&other, "group edit hiking --description Runs")
            .await;
        assert_eq!(by_other.tone, Tone::Error, "{}", by_other.plain_text());
    })
    .await;
}
