//! The words kumpul writes where they outlive a process, as types.
//!
//! Button ids stay on messages for months, anchors and job kinds stay in the database, and
//! the choices of the catalogue are typed by people. Each is a closed enum here, below the
//! features, so the layers that store or route them (`reply`, `live`, `scheduler`,
//! `catalogue`) know the words without knowing the features, and adding a variant makes
//! the compiler point at every `match` that must learn it.
//!
//! The encoded forms are fixed: `k1:<feature>:<action>:<arg>` for buttons, and the
//! `live_messages.feature` and `jobs.kind` words. The tests below pin every variant to
//! its literal string, so a button already posted keeps working.

coded_enum! {
    /// A poll's voting method.
    pub enum PollKind {
        Single = "single",
        Multiple = "multiple",
        Approval = "approval",
        Score = "score",
        Ranked = "ranked",
        Consent = "consent",
        Time = "time",
    }
}

coded_enum! {
    /// When a poll's results may be seen.
    pub enum ResultsVisibility {
        Live = "live",
        AfterVote = "after-vote",
        AfterClose = "after-close",
    }
}

coded_enum! {
    /// What is known about who voted for what.
    pub enum VoterVisibility {
        /// Everyone sees who chose what.
        Public = "public",
        /// Counts only; organisers see who took part.
        Private = "private",
        /// Counts only, and after closing nobody — not even the operator — can link a
        /// ballot to a voter.
        Secret = "secret",
    }
}

coded_enum! {
    /// How a consent proposal is decided.
    pub enum ConsentRule {
        /// Passes with no block and more agree than disagree (the default).
        Consent = "consent",
        /// Passes when nobody blocks.
        NoBlock = "no-block",
        /// Passes with more agree than disagree; a block counts as a disagree.
        Majority = "majority",
    }
}

coded_enum! {
    /// A vote on a consent proposal, as its button names it.
    pub enum ConsentVote {
        Agree = "agree",
        Abstain = "abstain",
        Disagree = "disagree",
        Block = "block",
    }
}

coded_enum! {
    /// What someone answers to an event.
    pub enum Answer {
        Going = "going",
        Maybe = "maybe",
        No = "no",
    }
}

coded_enum! {
    /// What became of an idea.
    pub enum IdeaStatus {
        Open = "open",
        Planned = "planned",
        Done = "done",
        Declined = "declined",
    }
}

coded_enum! {
    /// What a message that is kept current shows (`live_messages.feature`).
    pub enum AnchorKind {
        Poll = "poll",
        Event = "event",
        Idea = "idea",
    }
}

coded_enum! {
    /// What a scheduled job does (`jobs.kind`).
    pub enum JobKind {
        /// One occurrence of a `remind` reminder.
        Reminder = "reminder",
        /// A poll's deadline.
        PollClose = "poll_close",
        /// A reminder before an event, to the people going.
        EventReminder = "event_reminder",
        /// Telling someone they moved up from an event's waitlist.
        EventPromoted = "event_promoted",
        /// The end of a series' occurrence: its card moves on to the next date.
        EventRoll = "event_roll",
        /// Archiving a thread nobody wrote in for a while.
        ThreadArchive = "thread_archive",
    }
}

impl JobKind {
    /// The start of the idempotency keys of this kind's jobs: `<kind>:`.
    pub fn key_prefix(self) -> String {
        format!("{}:", self.code())
    }
}

/// What a button, a menu or a form does, with the ids it needs: all the state a click
/// carries, so it keeps working across restarts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    Group(GroupIntent),
    Poll(PollIntent),
    Event(EventIntent),
    Idea(IdeaIntent),
    Remind(RemindIntent),
}

/// `k1:group:<action>:<group id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupIntent {
    Join(i64),
    Leave(i64),
    Info(i64),
    Members(i64),
}

/// `k1:poll:<action>:<arg>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollIntent {
    /// One option of a single-choice poll (`<poll>/<0-based option>`).
    Choose {
        poll: i64,
        option: usize,
    },
    /// A consent proposal's vote (`<poll>/<word>`).
    Consent {
        poll: i64,
        vote: ConsentVote,
    },
    /// A menu of options: the picks come as the input's values.
    Pick(i64),
    /// The ballot form: opened by the button, the ballot comes as the form's text.
    Ballot(i64),
    Results(i64),
}

/// `k1:event:<action>:<arg>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventIntent {
    /// `<event>/<answer>`.
    Rsvp {
        event: i64,
        answer: Answer,
    },
    Info(i64),
}

/// `k1:idea:<action>:<idea id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdeaIntent {
    /// The button: toggles the reader's upvote.
    Vote(i64),
    /// A 👍 reaction (Matrix): adds it.
    Upvote(i64),
}

/// `k1:remind:<action>:<reminder id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemindIntent {
    Cancel(i64),
    /// The reader's own reminders (`k1:remind:list:mine`): what to look at right after
    /// setting one.
    List,
}

impl Intent {
    /// The feature, action and argument words of the encoded form.
    pub(crate) fn words(&self) -> (&'static str, &'static str, String) {
        match *self {
            Intent::Group(intent) => {
                let (action, id) = match intent {
                    GroupIntent::Join(id) => ("join", id),
                    GroupIntent::Leave(id) => ("leave", id),
                    GroupIntent::Info(id) => ("info", id),
                    GroupIntent::Members(id) => ("members", id),
                };
                ("group", action, id.to_string())
            }
            Intent::Poll(intent) => {
                let (action, arg) = match intent {
                    PollIntent::Choose { poll, option } => ("vote", format!("{poll}/{option}")),
                    PollIntent::Consent { poll, vote } => {
                        ("vote", format!("{poll}/{}", vote.code()))
                    }
                    PollIntent::Pick(poll) => ("pick", poll.to_string()),
                    PollIntent::Ballot(poll) => ("ballot", poll.to_string()),
                    PollIntent::Results(poll) => ("results", poll.to_string()),
                };
                ("poll", action, arg)
            }
            Intent::Event(intent) => match intent {
                EventIntent::Rsvp { event, answer } => {
                    ("event", "rsvp", format!("{event}/{}", answer.code()))
                }
                EventIntent::Info(event) => ("event", "info", event.to_string()),
            },
            Intent::Idea(intent) => match intent {
                IdeaIntent::Vote(idea) => ("idea", "vote", idea.to_string()),
                IdeaIntent::Upvote(idea) => ("idea", "upvote", idea.to_string()),
            },
            Intent::Remind(RemindIntent::Cancel(id)) => ("remind", "cancel", id.to_string()),
            Intent::Remind(RemindIntent::List) => ("remind", "list", "mine".to_owned()),
        }
    }

    /// Reads the words of an encoded form; `None` for actions this version does not know.
    pub(crate) fn from_words(feature: &str, action: &str, arg: &str) -> Option<Intent> {
        let id = || arg.parse::<i64>().ok();
        Some(match (feature, action) {
            ("group", "join") => Intent::Group(GroupIntent::Join(id()?)),
            ("group", "leave") => Intent::Group(GroupIntent::Leave(id()?)),
            ("group", "info") => Intent::Group(GroupIntent::Info(id()?)),
            ("group", "members") => Intent::Group(GroupIntent::Members(id()?)),
            ("poll", "vote") => {
                let (poll, option) = arg.split_once('/')?;
                let poll = poll.parse().ok()?;
                Intent::Poll(match option.parse::<usize>() {
                    Ok(option) => PollIntent::Choose { poll, option },
                    Err(_) => PollIntent::Consent {
                        poll,
                        vote: ConsentVote::parse(option)?,
                    },
                })
            }
            ("poll", "pick") => Intent::Poll(PollIntent::Pick(id()?)),
            ("poll", "ballot") => Intent::Poll(PollIntent::Ballot(id()?)),
            ("poll", "results") => Intent::Poll(PollIntent::Results(id()?)),
            ("event", "rsvp") => {
                let (event, answer) = arg.split_once('/')?;
                Intent::Event(EventIntent::Rsvp {
                    event: event.parse().ok()?,
                    answer: Answer::parse(answer)?,
                })
            }
            ("event", "info") => Intent::Event(EventIntent::Info(id()?)),
            ("idea", "vote") => Intent::Idea(IdeaIntent::Vote(id()?)),
            ("idea", "upvote") => Intent::Idea(IdeaIntent::Upvote(id()?)),
            ("remind", "cancel") => Intent::Remind(RemindIntent::Cancel(id()?)),
            ("remind", "list") if arg == "mine" => Intent::Remind(RemindIntent::List),
            _ => return None,
        })
    }

    /// The feature word, for logs (never the argument: a vote's names its choice).
    pub fn name(&self) -> String {
        let (feature, action, _) = self.words();
        format!("{feature}:{action}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::ActionId;

    /// Every variant against the literal string buttons already posted carry.
    #[test]
    fn every_intent_encodes_to_the_words_of_buttons_already_posted() {
        let cases = [
            (Intent::Group(GroupIntent::Join(7)), "k1:group:join:7"),
            (Intent::Group(GroupIntent::Leave(7)), "k1:group:leave:7"),
            (Intent::Group(GroupIntent::Info(7)), "k1:group:info:7"),
            (Intent::Group(GroupIntent::Members(7)), "k1:group:members:7"),
            (
                Intent::Poll(PollIntent::Choose { poll: 3, option: 0 }),
                "k1:poll:vote:3/0",
            ),
            (
                Intent::Poll(PollIntent::Choose {
                    poll: 3,
                    option: 24,
                }),
                "k1:poll:vote:3/24",
            ),
            (
                Intent::Poll(PollIntent::Consent {
                    poll: 3,
                    vote: ConsentVote::Agree,
                }),
                "k1:poll:vote:3/agree",
            ),
            (
                Intent::Poll(PollIntent::Consent {
                    poll: 3,
                    vote: ConsentVote::Abstain,
                }),
                "k1:poll:vote:3/abstain",
            ),
            (
                Intent::Poll(PollIntent::Consent {
                    poll: 3,
                    vote: ConsentVote::Disagree,
                }),
                "k1:poll:vote:3/disagree",
            ),
            (
                Intent::Poll(PollIntent::Consent {
                    poll: 3,
                    vote: ConsentVote::Block,
                }),
                "k1:poll:vote:3/block",
            ),
            (Intent::Poll(PollIntent::Pick(3)), "k1:poll:pick:3"),
            (Intent::Poll(PollIntent::Ballot(3)), "k1:poll:ballot:3"),
            (Intent::Poll(PollIntent::Results(3)), "k1:poll:results:3"),
            (
                Intent::Event(EventIntent::Rsvp {
                    event: 9,
                    answer: Answer::Going,
                }),
                "k1:event:rsvp:9/going",
            ),
            (
                Intent::Event(EventIntent::Rsvp {
                    event: 9,
                    answer: Answer::Maybe,
                }),
                "k1:event:rsvp:9/maybe",
            ),
            (
                Intent::Event(EventIntent::Rsvp {
                    event: 9,
                    answer: Answer::No,
                }),
                "k1:event:rsvp:9/no",
            ),
            (Intent::Event(EventIntent::Info(9)), "k1:event:info:9"),
            (Intent::Idea(IdeaIntent::Vote(5)), "k1:idea:vote:5"),
            (Intent::Idea(IdeaIntent::Upvote(5)), "k1:idea:upvote:5"),
            (
                Intent::Remind(RemindIntent::Cancel(2)),
                "k1:remind:cancel:2",
            ),
            (Intent::Remind(RemindIntent::List), "k1:remind:list:mine"),
        ];
        for (intent, literal) in cases.clone() {
            let id = ActionId::new(intent.clone());
            assert_eq!(id.encode(), literal);
            assert_eq!(ActionId::decode(literal), Some(id), "{literal}");
        }
        let covered: std::collections::BTreeSet<_> =
            cases.iter().map(|(intent, _)| variant(intent)).collect();
        assert_eq!(covered.len(), VARIANTS, "a case for every variant");
    }

    /// Every variant, by name: adding one to an intent stops this match from compiling
    /// until it is named here and given a case above.
    const VARIANTS: usize = 20;
    fn variant(intent: &Intent) -> &'static str {
        match intent {
            Intent::Group(GroupIntent::Join(_)) => "group join",
            Intent::Group(GroupIntent::Leave(_)) => "group leave",
            Intent::Group(GroupIntent::Info(_)) => "group info",
            Intent::Group(GroupIntent::Members(_)) => "group members",
            Intent::Poll(PollIntent::Choose { .. }) => "poll choose",
            Intent::Poll(PollIntent::Consent { vote, .. }) => match vote {
                ConsentVote::Agree => "poll agree",
                ConsentVote::Abstain => "poll abstain",
                ConsentVote::Disagree => "poll disagree",
                ConsentVote::Block => "poll block",
            },
            Intent::Poll(PollIntent::Pick(_)) => "poll pick",
            Intent::Poll(PollIntent::Ballot(_)) => "poll ballot",
            Intent::Poll(PollIntent::Results(_)) => "poll results",
            Intent::Event(EventIntent::Rsvp { answer, .. }) => match answer {
                Answer::Going => "event going",
                Answer::Maybe => "event maybe",
                Answer::No => "event no",
            },
            Intent::Event(EventIntent::Info(_)) => "event info",
            Intent::Idea(IdeaIntent::Vote(_)) => "idea vote",
            Intent::Idea(IdeaIntent::Upvote(_)) => "idea upvote",
            Intent::Remind(RemindIntent::Cancel(_)) => "remind cancel",
            Intent::Remind(RemindIntent::List) => "remind list",
        }
    }

    #[test]
    fn unknown_malformed_or_foreign_action_ids_are_not_read() {
        for id in [
            "k1:group:explode:7",
            "k1:group:join:x",
            "k1:poll:vote:3",
            "k1:poll:vote:3/maybe",
            "k1:poll:vote:x/0",
            "k1:event:rsvp:9/perhaps",
            "k1:remind:list:7",
            "k1:gone:thing:1",
            "k1:group",
            "k0:group:join:42",
            "somebot_button",
            "",
        ] {
            assert_eq!(ActionId::decode(id), None, "{id}");
        }
    }

    #[test]
    fn anchors_and_job_kinds_keep_their_stored_words() {
        let anchors: Vec<_> = AnchorKind::CODES
            .iter()
            .map(|c| AnchorKind::parse(c).unwrap())
            .collect();
        assert_eq!(
            anchors,
            [AnchorKind::Poll, AnchorKind::Event, AnchorKind::Idea]
        );
        assert_eq!(
            AnchorKind::CODES,
            &["poll", "event", "idea"],
            "live_messages.feature"
        );
        assert_eq!(
            JobKind::CODES,
            &[
                "reminder",
                "poll_close",
                "event_reminder",
                "event_promoted",
                "event_roll",
                "thread_archive"
            ],
            "jobs.kind"
        );
        for code in JobKind::CODES {
            assert_eq!(JobKind::parse(code).unwrap().code(), *code);
        }
        assert_eq!(JobKind::PollClose.key_prefix(), "poll_close:");
    }

    #[test]
    fn the_catalogue_choice_words_are_the_stored_words() {
        assert_eq!(
            PollKind::CODES,
            &[
                "single", "multiple", "approval", "score", "ranked", "consent", "time"
            ]
        );
        assert_eq!(
            ResultsVisibility::CODES,
            &["live", "after-vote", "after-close"]
        );
        assert_eq!(VoterVisibility::CODES, &["public", "private", "secret"]);
        assert_eq!(ConsentRule::CODES, &["consent", "no-block", "majority"]);
        assert_eq!(Answer::CODES, &["going", "maybe", "no"]);
        assert_eq!(IdeaStatus::CODES, &["open", "planned", "done", "declined"]);
    }
}
