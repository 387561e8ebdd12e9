//! Controls are inline or a form, and tracking an anchor is one effect.

use super::*;
use crate::vocab::{AnchorKind, GroupIntent, Intent, PollIntent};

fn button() -> Action {
    Action {
        label: "Join".into(),
        style: ActionStyle::Primary,
        id: ActionId::new(Intent::Group(GroupIntent::Join(1))),
        command: "group join hiking".into(),
    }
}

fn form() -> Form {
    Form {
        id: ActionId::new(Intent::Poll(PollIntent::Ballot(2))),
        title: "Ballot".into(),
        label: "Your ranking".into(),
        placeholder: "2 1 3".into(),
        max_len: 100,
    }
}

/// A reply has buttons and menus or a form, never both: each replaces the other.
#[test]
fn controls_are_inline_or_a_form_never_both() {
    let inline = Reply::new(Visibility::Public, Tone::Info).action(button());
    assert_eq!(inline.actions().len(), 1);
    assert!(inline.form().is_none());
    let asked = inline.form_to_open(form());
    assert!(asked.actions().is_empty() && asked.selects().is_empty());
    assert_eq!(asked.form(), Some(&form()));
    let again = asked.action(button());
    assert!(again.form().is_none());
    assert_eq!(again.commands(), ["group join hiking"]);
}

#[test]
fn tracking_an_anchor_is_one_effect() {
    let poll = Anchor {
        kind: AnchorKind::Poll,
        id: 3,
    };
    let mut reply = Reply::new(Visibility::Public, Tone::Info)
        .track(poll)
        .track(poll);
    assert_eq!(reply.anchor(), Some(poll));
    assert_eq!(reply.effects.len(), 1);
    reply.untrack();
    assert_eq!(reply.anchor(), None);
}
