# kumpul — English messages.
# Every message here must also exist in id.ftl with the same variables (a test checks).
# Messages are plain text: no Markdown. Emphasis and code come from the variables.

## Command help (generated into `help`, Discord slash commands, Matrix help).
## Discord limits descriptions to 100 characters.

cmd-help = Show what kumpul can do, or explain one command
opt-help-command = The command to explain (leave it out for an overview)
cmd-group = Interest groups: join the groups you care about and get pinged about them
cmd-group-create = Create an interest group (you become its owner and first member)
opt-group-create-name = The group's name, 2–50 characters; use quotes for several words
opt-group-create-description = What the group is about (up to 300 characters)
opt-group-create-tags = Tags to find it by, separated by commas, e.g. outdoor,weekend
cmd-group-edit = Change a group's name, description or tags (owner or moderator)
opt-group-edit-name = The group to change
opt-group-edit-rename = A new name for the group
opt-group-edit-description = A new description ("" to remove it)
opt-group-edit-tags = New tags, separated by commas; they replace the old ones
cmd-group-delete = Delete a group and its member list (owner or moderator)
opt-group-delete-name = The group to delete
cmd-group-join = Join a group so you are pinged when someone pings it
opt-group-join-name = The group to join
cmd-group-leave = Leave a group; you will no longer be pinged about it
opt-group-leave-name = The group to leave
cmd-group-list = List the groups of this space, biggest first
opt-group-list-tag = Only groups with this tag
opt-group-list-page = Which page of the list to show (10 per page)
cmd-group-info = Show a group's description, tags, owner and size
opt-group-info-name = The group to show
cmd-group-members = List the members of a group (without pinging them)
opt-group-members-name = The group whose members to list
opt-group-members-page = Which page of the list to show (50 per page)
cmd-group-mine = List the groups you are in
opt-group-mine-page = Which page of the list to show (10 per page)
cmd-group-ping = Ping a group's members with a message (members and moderators; once per cooldown)
opt-group-ping-name = The group to ping
opt-group-ping-message = What you want to tell them
cmd-settings = Settings of this space
cmd-settings-show = Show this space's settings
cmd-settings-language = Set the language kumpul uses in this space
opt-settings-language-language = en for English, id for Bahasa Indonesia

## Choice words as Discord shows them (value sent stays the word): one label per word.
choice-single = single
choice-multiple = multiple
choice-approval = approval
choice-score = score
choice-ranked = ranked
choice-consent = consent
choice-time = time
choice-live = live
choice-after-vote = after-vote
choice-after-close = after-close
choice-public = public
choice-private = private
choice-secret = secret
choice-no-block = no-block
choice-majority = majority
choice-going = going
choice-maybe = maybe
choice-no = no
choice-open = open
choice-planned = planned
choice-done = done
choice-declined = declined
choice-en = English
choice-id = Bahasa Indonesia

## help

help-title = kumpul — what you can do
help-intro = Type a command as shown: words in <angle brackets> are required, words in [square brackets] optional, and a value with spaces goes in quotes.
help-more = For the commands of one feature, each with an example, type { $command }.
help-more-command = For everything one command takes, type { $command }.
help-moderators-only = moderators only
help-admins-only = admins only
help-permission = { $role ->
    [admin] Only admins of this space can use this command.
   *[moderator] Only moderators of this space can use this command.
}
help-required = required
help-example = e.g. { $example }
help-example-line = Example: { $example }
help-feature-groups = Interest groups
help-feature-events = Events
help-feature-polls = Polls and decisions
help-feature-ideas = Idea board
help-feature-threads = Discussion threads
help-feature-reminders = Reminders
help-feature-timezone = Your time zone
help-feature-space = This space

## Examples in help: the words of an example that are not command words (those come
## from the catalogue, in the reader's language).
example-group-name = hiking
example-group-create = Weekend walks in the hills
example-group-tags = outdoor,weekend
example-group-tag = outdoor
example-group-edit = Walks every Saturday morning
example-group-ping = Meet at the station at 7
example-poll-create = Lunch on Friday? | pizza | sushi | noodles
example-poll-closes = friday 18:00
example-event-create = friday 19:00 Movie night
example-event-place = Café Kopi
example-event-edit-when = saturday 19:00
example-idea-add = A picnic in the park
example-idea-status = We booked the park for May
example-thread-start = Plans for the year-end trip
example-remind-me = tomorrow 7pm call mum
example-remind-group = friday 18:00 Pack water and a raincoat
example-settings-moderators = @Organisers
example-settings-reminders = 1d, 1h

## Understanding commands

parse-empty = Type { $help } to see what I can do.
parse-unclosed-quote = A quote is not closed. Put a closing " after the text you quoted.
parse-unknown-command = I don't know the command { $word }. Type { $help } to see all commands.
parse-unknown-command-suggest = { $count ->
    [1] I don't know the command { $word }. Did you mean { $first }?
    [2] I don't know the command { $word }. Did you mean { $first } or { $second }?
   *[other] I don't know the command { $word }. Did you mean { $first }, { $second } or { $third }?
}
parse-missing-subcommand = { $command } needs one more word. Type it like this: { $usage }
parse-unknown-subcommand = { $count ->
    [0] I don't know { $word } after { $command }. Type it like this: { $usage }
    [1] I don't know { $word } after { $command }. Did you mean { $first }? Usage: { $usage }
    [2] I don't know { $word } after { $command }. Did you mean { $first } or { $second }? Usage: { $usage }
   *[other] I don't know { $word } after { $command }. Did you mean { $first }, { $second } or { $third }? Usage: { $usage }
}
parse-missing-argument = { $option } is missing. Type it like this: { $usage }
parse-time-cut-short = I read { $option } as { $time }, but { $rest } after it looks like part of the time, so nothing is saved. Put the whole time in quotes, e.g. { $example }
parse-too-many-arguments = I don't know what to do with { $extra }. Put text with spaces in quotes. Type it like this: { $usage }
parse-unknown-option = { $count ->
    [0] { $command } has no options starting with --, so I don't know what { $flag } means. Nothing was saved. If it is part of your text, put it in quotes: { $quoted }
   *[other] { $command } has no option { $flag }; its options are { $options }. Nothing was saved. If { $flag } is part of your text, put it in quotes: { $quoted }
}
parse-missing-option-value = { $reason ->
    [option] { $option } needs a value, but the next word is another option. A value that starts with -- goes in quotes. Type it like this: { $usage }
   *[end] { $option } needs a value after it. Type it like this: { $usage }
}
parse-repeated-option = { $option } is given twice; give it once. Type it like this: { $usage }
parse-switch-value = { $option } takes no value (not { $value }): write just { $option } to switch it on, or leave it out. Type it like this: { $usage }
parse-invalid-integer = { $range ->
    [at-least] { $option } must be a whole number of { $min } or more, not { $value }. Type it like this: { $usage }
   *[between] { $option } must be a whole number from { $min } to { $max }, not { $value }. Type it like this: { $usage }
}
parse-invalid-choice = { $value } is not one of the choices for { $option }. Type one of these: { $choices }
parse-too-long = { $option } is too long: { $length } characters, and at most { $max } fit. Shorten it and send it again.
parse-too-many-items = { $option } has { $count } items, and at most { $max } fit. Leave some out and send it again.
parse-invisible-characters = { $option } cannot contain invisible characters (direction marks, zero-width spaces and the like): a name has to look like what it is. Type it again without them.

## General errors

error-storage = kumpul cannot save anything right now: its database is full or read-only, so nothing was changed (ref { $reference }). Please tell whoever runs kumpul; reading still works.
error-internal = Something went wrong on my side and nothing was changed (ref { $reference }). Please try again; if it keeps happening, tell whoever runs kumpul the ref.
error-permission = { $role ->
    [admin] Only admins of this space can do that.
   *[moderator] Only moderators of this space can do that.
}
error-stale-action = This button no longer works. Type the command instead (type help to see them all).

## Buttons and labels

action-join = Join
action-leave = Leave
action-members = Members
field-members = Members
field-tags = Tags
field-owner = Owner
field-created = Created
field-language = Language
field-timezone = Time zone

## Groups

group-name-length = A group name must be { $min }–{ $max } characters long; { $name } is not.
group-name-control = A group name cannot contain control or invisible characters. Type the name again with plain letters.
group-name-mention = A group name cannot start with @, -, ! or / or contain mentions such as @everyone; { $name } does. Choose another name.
group-description-length = A description can be at most { $max } characters long.
group-description-control = A description cannot contain control characters.
group-tags-count = A group can have at most { $max } tags.
group-tag-invalid = The tag { $tag } is not valid: use up to { $max } letters, digits or hyphens, and separate tags with commas.
group-ping-length = A ping message must be 1–{ $max } characters long.
group-edit-nothing = Say what to change: { $usage }
group-gone = That group no longer exists.
group-not-found = There is no group called { $name }. Type { $command } to see all groups.
group-not-found-suggest = There is no group called { $name }. Did you mean { $suggestions }?
group-not-owner = Only the owner of { $name } or a moderator can do that.
group-exists = A group called { $name } already exists. To join it, type { $command }.
group-created = { $actor } created the group { $name }. Anyone can join with { $command }.
group-edited = { $actor } updated the group { $name }.
group-deleted = { $actor } deleted the group { $name } ({ $count ->
    [one] 1 member
   *[other] { $count } members
}).
group-already-member = You are already in { $name }. To leave it, type { $command }.
group-joined = You joined { $name }. You will be pinged when someone pings the group ({ $count ->
    [one] 1 member
   *[other] { $count } members
} now).
group-not-member = You are not in { $name }. To join it, type { $command }.
group-left = You left { $name }. You will no longer be pinged about it.
group-summary = { $name } · { $count ->
    [one] 1 member
   *[other] { $count } members
}
group-list-title = { $count ->
    [one] 1 group
   *[other] { $count } groups
}
group-list-empty = There are no groups here yet. Start one with { $command }.
group-list-empty-tag = No group has the tag { $tag }. Type { $command } to see all groups.
group-members-title = Members of { $name } ({ $count })
group-members-empty = { $name } has no members yet. Join it with { $command }.
group-mine-title = { $count ->
    [one] You are in 1 group
   *[other] You are in { $count } groups
}
group-mine-empty = You are not in any group yet. Type { $command } to find one.
group-ping-not-member = Only members of { $name } and moderators can ping it. To join it, type { $command }.
group-ping-nobody = Nobody else is in { $name } yet, so there is nobody to ping.
group-ping-cooldown = { $name } was pinged recently. You can ping it again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
group-ping-header = { $actor } pinged { $name }:
group-ping-skipped = Members of { $name } were not pinged: the group was pinged less than { $cooldown ->
    [one] 1 minute
   *[other] { $cooldown } minutes
} ago, and kumpul pings a group at most once in that time. It can be pinged again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.

## Settings

field-event-reminders = Event reminders
settings-reminders-none = none
settings-title = Settings of this space
settings-value-set = { $value }
settings-value-default = { $value } (default)
settings-hint = Moderators can change these with { $language } and { $timezone }.
settings-language-set = { $actor } set the language of this space to English.

## Console

console-welcome = kumpul console — a local chat space on this computer. Type { $help } for commands, /as NAME to speak as someone else (add --mod for a moderator), /quit to leave. Reminders appear here when they are due.
console-acting-as = You are now { $name } ({ $role ->
    [admin] admin
    [moderator] moderator
   *[member] member
}).
console-only-you = only you see this
console-pings = pings
label-next = next
console-unknown-meta = Console commands: /as NAME [--member|--mod|--admin] [--locale en|id] (people keep their role and language until told otherwise), /wait 2h (scripts only), /thread N (write in a thread), /quit.

## Times

weekday-short = { $day ->
    [1] Mon
    [2] Tue
    [3] Wed
    [4] Thu
    [5] Fri
    [6] Sat
   *[7] Sun
}
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}
datetime = { $weekday } { $day } { $month } { $year }, { $time } { $zone }
time-of-day = { $hour }:{ $minute }
relative-now = now
relative-future = { $unit ->
    [minutes] { $n ->
        [one] in 1 minute
       *[other] in { $n } minutes
    }
    [hours] { $n ->
        [one] in 1 hour
       *[other] in { $n } hours
    }
   *[days] { $n ->
        [one] in 1 day
       *[other] in { $n } days
    }
}
relative-past = { $unit ->
    [minutes] { $n ->
        [one] 1 minute ago
       *[other] { $n } minutes ago
    }
    [hours] { $n ->
        [one] 1 hour ago
       *[other] { $n } hours ago
    }
   *[days] { $n ->
        [one] 1 day ago
       *[other] { $n } days ago
    }
}
zone-invalid = I don't know the time zone { $zone }. Use a name such as { $examples }.
time-not-understood = I couldn't read { $input } as a time. Try something like { $examples }.
time-unknown-word = I couldn't understand { $word } in { $input }. Try something like { $examples }.
time-ambiguous = { $input } could mean { $first } or { $second }. Type { $try_first } or { $try_second }.
time-ambiguous-date = { $input } could be either date. Write the month as a word: { $try_first } or { $try_second }.
time-past = I read { $input } as { $at }, which has already passed.
time-past-suggest = I read { $input } as { $at }, which has already passed. Did you mean { $suggestion }?
time-impossible = { $input } is not a possible date or time. Try something like { $examples }.
recur-daily = { $interval ->
    [1] every day
   *[other] every { $interval } days
} at { $time }
recur-weekdays = { $interval ->
    [1] every weekday
   *[other] every { $interval } weeks on weekdays
} at { $time }
recur-weekly = { $interval ->
    [1] every { $days }
   *[other] every { $interval } weeks on { $days }
} at { $time }
recur-monthly = { $interval ->
    [1] every month on day { $day }
   *[other] every { $interval } months on day { $day }
} at { $time }
recur-monthly-weekday = { $interval ->
    [1] every { $nth } { $day } of the month
   *[other] every { $interval } months on the { $nth } { $day }
} at { $time }
recur-nth = { $nth ->
    [1] first
    [2] second
    [3] third
    [4] fourth
   *[last] last
}
weekday-long = { $day ->
    [1] Monday
    [2] Tuesday
    [3] Wednesday
    [4] Thursday
    [5] Friday
    [6] Saturday
   *[7] Sunday
}
recur-until = { $rule }, until { $date }
recur-count = { $rule }, { $count ->
    [one] once
   *[other] { $count } times
}
date = { $weekday } { $day } { $month } { $year }
time-ends-before-start = { $input } ends before its first date. Give a later last date, e.g. { $example }.
time-too-many-times = { $input } repeats more than { $max } times. Give at most { $max }, or leave the count out to repeat without end.
time-zone-ambiguous = { $word } is used for more than one time zone. Write the place instead ({ $places }), or the offset, such as { $offset }.
time-zone-out-of-season = I read { $input } as { $at }, but on that day { $place } is on { $actual }, not { $word }. For the local time there, write { $actual } or { $place }; for exactly { $word }, write { $offset }.
time-repeat-zone-drifts = { $input } repeats in { $word }, which is not always the same number of hours from your zone ({ $zone }): one of them changes its clocks for daylight saving. A repeating time is kept in your zone, so write it as it is in yours; the first one would be { $first }.
time-repeat-zone-other-day = { $input } would fall on another day of the month in your zone ({ $zone }). A repeating time is kept in your zone, so write it as it is in yours; the first one would be { $first }.
time-part-of-day-passed = I read { $input } as { $at }, which has already passed. For later today, type { $later }; for tomorrow, { $tomorrow }.
time-part-of-day-over = I read { $input } as { $at }, and that part of today is over. Did you mean { $tomorrow }?
time-late-in-the-day = { $input } means three hours from now, { $at }, which is already tomorrow. Type { $later }, { $tomorrow }, or a time.
time-late-in-the-day-over = { $input } means three hours from now, { $at }, which is already tomorrow. Type { $tomorrow } or a time.
time-as-typed = (written as { $time })
time-read-as = I read { $input } as { $at }.

## Scheduler

scheduler-late-note = (late: kumpul was offline)
notify-private-fallback = I could not send you a direct message (to get these privately, accept direct messages from kumpul), so here it is:
scheduler-missed-summary = { $count ->
    [one] While kumpul was offline, 1 scheduled message was missed:
   *[other] While kumpul was offline, { $count } scheduled messages were missed:
}

## Reminders and time zones

cmd-remind = Reminders: for yourself or to ping a group, once or repeating
cmd-remind-me = Remind yourself of something, once or repeating
opt-remind-me-when = When: tomorrow 7pm, in 2 hours, every monday 19:00, first saturday of the month 10:00
opt-remind-me-text = What to remind you of
cmd-remind-group = Ping a group's members with a message at a time, once or repeating
opt-remind-group-name = The group to ping
opt-remind-group-when = When: tomorrow 7pm, every monday 19:00 until 31 March, every day 8am 10 times
opt-remind-group-text = What to remind them of
cmd-remind-list = List your reminders and those of your groups
opt-remind-list-page = Which page of the list to show (10 per page)
cmd-remind-cancel = Cancel a reminder by its number (yours, or any as a moderator)
opt-remind-cancel-number = The reminder's number, as shown in your list of reminders
cmd-timezone = Your own time zone, used to read and show times for you
cmd-timezone-set = Set your time zone, e.g. Asia/Jakarta, WIB, UTC+7, Europe/Berlin
opt-timezone-set-zone = An IANA name, WIB/WITA/WIT, or UTC±H
cmd-timezone-clear = Forget your own time zone and use this space's again
cmd-timezone-show = Show which time zone kumpul uses for you
cmd-settings-timezone = Set this space's time zone, e.g. Asia/Jakarta or WIB
opt-settings-timezone-zone = An IANA name, WIB/WITA/WIT, or UTC±H

action-my-reminders = My reminders
remind-text-length = A reminder needs a text of 1–{ $max } characters after the time.
remind-group-not-member = Only members of { $name } and moderators can set reminders for it. To join it, type { $command }.
remind-set-me = I'll remind you: { $text } —
remind-set-group = { $actor } set a reminder for { $name }: { $text } —
remind-repeats = Repeats { $rule }.
remind-number = This is reminder #{ $number }; to cancel it, type { $command }.
remind-list-empty = You have no reminders. Set one with { $command }.
sample-remind-me = in 2 hours stretch
remind-list-title = { $count ->
    [one] 1 reminder
   *[other] { $count } reminders
}
remind-not-found = There is no reminder #{ $number } here. Type { $command } to see yours.
remind-not-active = Reminder #{ $number } has already finished or was cancelled.
remind-not-yours = Reminder #{ $number } belongs to someone else; only they or a moderator can cancel it.
remind-cancelled = Reminder #{ $number } is cancelled: { $text }
remind-due-me = ⏰ Reminder:{" "}
remind-due-group = ⏰ Reminder for { $name } from { $actor }:
remind-missed-item = #{ $number } { $text } (due { $when })
remind-missed-personal = #{ $number } a personal reminder of { $name }, its text only for them (due { $when })
remind-missed-you = While kumpul was offline, your reminder #{ $number } was not sent in time: { $text } (due { $when }).
list-page-next = Page { $page } of { $pages } — type { $command } for the next.
list-page-last = Page { $page } of { $pages }, the last — type { $command } to start again.
list-page-beyond = { $pages ->
    [one] This list has only 1 page
   *[other] This list has only { $pages } pages
}; type { $command } for the last.
remind-limit-person = You have { $count } pending reminders, the most one person can have here. Cancel one with { $command } (type { $list } to see their numbers), then try again.
remind-limit-space = This space has { $count } pending reminders, the most it can have. Cancel one that is no longer needed with { $command } (type { $list } to see their numbers), or ask a moderator to cancel old ones.
remind-repeat-too-often = Here a repeating reminder can come at most once every { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}. Choose a rule with more time between reminders, for example every day 09:00.
timezone-set = Your time zone is now { $zone }. It is { $now } there.
timezone-cleared = You no longer have your own time zone; kumpul uses { $zone } for you.
timezone-show = Your time zone is { $zone } ({ $source ->
    [person] set by you
    [space] this space's zone
   *[default] the default
}). It is { $now } there. To change it, type { $command }.
settings-timezone-set = { $actor } set the time zone of this space to { $zone }.
console-moderators = moderators
console-wait-real = /wait only works in scripts (kumpul console --script); here time passes for real.
console-waited = It is now { $now }.

## Polls

cmd-poll = Polls and decisions: choices, ranked choice, scores, consent proposals, finding a time
cmd-poll-create = Start a poll: a question and its options, a proposal, or times to choose from
opt-poll-create-poll = The question, then the options, separated by |
opt-poll-create-kind = The kind of poll (default: single choice)
opt-poll-create-closes = When it closes by itself, e.g. "friday 18:00"
opt-poll-create-results = When voters see the results (default: live, as the votes come in)
opt-poll-create-voters = public (who chose what), private (counts only), secret (unlinkable)
opt-poll-create-group = Only members of this group may vote
opt-poll-create-min = Multiple choice: fewest options a ballot picks
opt-poll-create-max = Multiple choice: most options a ballot picks
opt-poll-create-quorum = Consent: votes needed for a decision
opt-poll-create-rule = Consent: consent (no block, agree > disagree), no-block, or majority
help-notes-poll-create =
    How each kind decides, and breaks ties:
    single, multiple, approval: most votes wins; options tied for most votes are shown as a tie, not broken.
    score: the highest mean score (0–5) wins; options tied for it are shown as a tie, not broken.
    ranked: instant-runoff. A tie for fewest votes is broken by the latest earlier round in which the tied options had different votes (fewer goes), then by lot: a draw fixed when the poll is created, the same at every count. The results say which rounds a tie decided.
    consent: by --rule (consent: no block and more agree than disagree; no-block: no block; majority: more agree than disagree and block together); below --quorum there is no decision. With no votes, consent and majority do not pass and no-block passes.
    time: most yes, then most "if need be", then the earliest slot in time. A slot that has started takes no more yes or maybe.
cmd-poll-vote = Vote on a poll, or change your vote
help-notes-poll-vote =
    Your latest vote counts, however you cast it: typed, with a button or menu, or in the chat's own poll.
    On Matrix a poll with public voters is also a Matrix poll, which counts only the answers picked in it. A typed vote is counted by kumpul but does not show there; the confirmation says so, and the results say how many ballots came which way.
opt-poll-vote-number = The poll's number
opt-poll-vote-choice = Your answer, e.g. 2, or 3 1 2 for a ranking, or agree
cmd-poll-retract = Take back your vote while the poll is open
opt-poll-retract-number = The poll's number
cmd-poll-results = Show a poll's results (when its settings allow)
opt-poll-results-number = The poll's number
cmd-poll-close = Close a poll now and post the results (creator or moderator)
opt-poll-close-number = The poll's number
cmd-poll-list = List open polls, or closed ones
opt-poll-list-closed = Show closed polls instead
opt-poll-list-page = Which page of the list to show (10 per page)
cmd-poll-nudge = Ping the group's members who have not voted yet (creator or moderator)
opt-poll-nudge-number = The poll's number
cmd-poll-export = Download the ballots as a CSV file
opt-poll-export-number = The poll's number

action-vote-form = Vote…
poll-secret-in-private = To keep your choice secret, send the vote in a direct message to kumpul, not in this room: { $command }
poll-private-vote-nowhere = None of the rooms you share with kumpul has an open secret poll #{ $number }. Check the number on the poll's message.
poll-private-vote-ambiguous = Several rooms you share with kumpul have an open secret poll #{ $number } ({ $rooms }), so kumpul cannot tell which you mean. Say which by starting your message with the room, for example: { $command }
poll-card-closed = This poll is closed.
poll-select-placeholder = { $kind ->
    [approval] Pick every option you approve of
    [multiple] Pick { $min }–{ $max } options
   *[single] Pick one option
}
poll-form-title = Vote on poll #{ $number }
poll-form-label = { $kind ->
    [score] Scores 0–5, one per option, in order
    [time] yes / maybe / no for each slot, in order
   *[ranked] Option numbers, favourite first
}
action-results = Results
poll-question-length = A poll needs a question of 1–{ $max } characters, then its options separated by |.
poll-consent-no-options = A consent proposal has fixed answers (agree, abstain, disagree, block); write only the proposal.
poll-option-count = This poll needs { $min }–{ $max } options, separated by |, e.g. { $example }
sample-poll = Where shall we eat? | pizza | sushi
poll-option-length = The option { $option } is too long or contains control characters: at most { $max } characters.
poll-option-duplicate = The option { $option } is listed twice.
poll-time-not-repeating = { $input } repeats; a poll needs one point in time.
poll-min-max = For multiple choice, the fewest and the most options to pick must each be between 1 and the number of options ({ $options }), and the fewest no more than the most, e.g. { $example }
poll-group-not-member = Only members of { $name } and moderators can start a poll for it. To join it, type { $command }.
poll-card = { $actor } started { $kind ->
    [multiple] a multiple-choice
    [approval] an approval
    [score] a score
    [ranked] a ranked-choice
    [consent] a consent
    [time] a find-a-time
   *[single] a single-choice
} poll. Results: { $results ->
    [after-vote] after you vote
    [after-close] when it closes
   *[live] live
}. Votes: { $voters ->
    [public] public (everyone sees who chose what)
    [secret] secret (nobody can link a ballot to a voter once it closes)
   *[private] private (counts only)
}.
poll-how-to-vote = { $kind ->
    [multiple] Pick { $min }–{ $max } options by number:
    [approval] Pick every option you approve of, by number:
    [score] Give every option a score from 0 to 5, in order:
    [ranked] Rank the options by number, favourite first (as many as you like):
    [consent] Answer agree, abstain, disagree or block, optionally with a reason:
    [time] Answer yes, maybe or no for every slot, in order:
   *[single] Pick one option by number:
} { $command }
sample-ballot-agree = agree
sample-ballot-abstain = abstain
sample-ballot-disagree = disagree
sample-ballot-block = block
sample-ballot-yes = yes
sample-ballot-maybe = maybe
sample-ballot-no = no
poll-for-group = Only members of { $name } can vote.
poll-closes = Closes{" "}
poll-not-found = There is no poll #{ $number } here. Type { $command } to see the open ones.
poll-group-gone = Poll #{ $number } was for a group that no longer exists, so it takes no more votes.
poll-not-eligible = Poll #{ $number } is only for the members of its group.
poll-closed = Poll #{ $number } is closed. See the results with { $command }.
poll-voted = Your vote on poll #{ $number } is saved: { $choice }.
poll-voted-hint = To change it, vote again with { $change }; to take it back, type { $retract }.
poll-voted-not-in-native = kumpul counts this vote, but it will not show in the { $platform ->
    [matrix] Matrix poll
   *[other] chat's own poll
} of #{ $number }, which counts only what is picked in it (an earlier pick of yours there stays shown). To vote in that poll instead, pick your answer in it: that replaces this vote.
poll-no-ballot = You have not voted on poll #{ $number }.
poll-retracted = Your vote on poll #{ $number } is taken back.
poll-retracted-still-in-native = { $via ->
    [native] The { $platform ->
        [matrix] Matrix poll
       *[other] chat's own poll
    } of #{ $number } still shows the answer you picked in it: kumpul cannot remove a pick there, and no longer counts it.
   *[kumpul] If you picked an answer in the { $platform ->
        [matrix] Matrix poll
       *[other] chat's own poll
    } of #{ $number } earlier, it still shows there: kumpul cannot remove a pick there, and does not count it.
} To change it there, pick another answer (kumpul then counts that as your vote).
poll-results-after-close = The results of poll #{ $number } are shown when it closes.
poll-results-after-vote = The results of poll #{ $number } are shown once you have voted: { $command }
poll-results-title = { $status ->
    [closed] Final results of #{ $number }:
   *[open] Results so far of #{ $number }:
}
poll-participants = Took part: { $names }
names-more = and { $count } more
poll-reasons-more = { $count ->
    [one] 1 more reason
   *[other] { $count } more reasons
} — { $command } lists every ballot.
poll-not-organiser = Only the creator of poll #{ $number } or a moderator can do that.
poll-closed-by = Closed by { $actor }.
poll-closed-deadline = Closed at its deadline.
poll-list-empty = { $status ->
    [closed] No polls have closed here yet.
   *[open] There are no open polls. Start one with { $command }
}
poll-list-title = { $status ->
    [closed] Closed polls ({ $count })
   *[open] Open polls ({ $count })
}
poll-kind = { $kind ->
    [multiple] multiple choice
    [approval] approval
    [score] score
    [ranked] ranked choice
    [consent] consent
    [time] find a time
   *[single] single choice
}
poll-nudge-needs-group = Nudging needs a poll for a group, so kumpul knows who has not voted yet: { $example }
sample-group = hiking
poll-nudge-everyone-voted = Everyone who can vote on poll #{ $number } has voted.
poll-nudge-cooldown = Poll #{ $number } was nudged less than an hour ago.
poll-nudge = A reminder to vote on poll #{ $number }: { $question } — { $command }
poll-exported = { $count ->
    [one] Poll #{ $number }: 1 ballot exported to { $file }.
   *[other] Poll #{ $number }: { $count } ballots exported to { $file }.
}
poll-vote-count = Pick between { $min } and { $max } options, by number.
poll-reason-length = A reason can be at most { $max } characters long.
poll-vote-range = { $value } is not an option: use numbers from 1 to { $max }.
poll-vote-repeated = { $value } is listed twice.
poll-vote-format = { $kind ->
    [score] Give one score from 0 to 5 to each of the { $options } options, in order, e.g. { $example }
    [consent] Answer agree, abstain, disagree or block, e.g. { $example }
    [time] Answer yes, maybe or no for each of the { $options } slots, in order, e.g. { $example }
    [ranked] Rank the options by their numbers, favourite first, e.g. { $example }
   *[other] Vote with option numbers, e.g. { $example }
}
poll-ballots = { $count ->
    [one] 1 ballot
   *[other] { $count } ballots
}
# The ballots' count when the poll is also shown as the platform's own poll (a Matrix poll)
# and some ballots did not come through it. Counts only, never names.
poll-ballots-split = { $count ->
    [one] 1 ballot
   *[other] { $count } ballots
}: { $native } picked in the { $platform ->
    [matrix] Matrix poll
   *[other] chat's own poll
}, { $other } typed or cast elsewhere. The { $platform ->
    [matrix] Matrix poll
   *[other] chat's own poll
} counts only what was picked in it; these results count every ballot.
poll-and = and
poll-top = { $status ->
    [closed] Winner: { $option } ({ $votes ->
        [one] 1 vote
       *[other] { $votes } votes
    })
   *[open] Leading: { $option } ({ $votes ->
        [one] 1 vote
       *[other] { $votes } votes
    })
}
poll-top-tie = { $status ->
    [closed] Result: a tie between { $options }, { $votes ->
        [one] 1 vote
       *[other] { $votes } votes
    } each. A tie in this kind of poll is not broken: the group decides, for example with a new poll between them.
   *[open] So far a tie between { $options }, { $votes ->
        [one] 1 vote
       *[other] { $votes } votes
    } each. A tie when the poll closes is not broken.
}
poll-score-top = { $status ->
    [closed] Winner: { $option }, with the highest mean score ({ $mean } of 5).
   *[open] Leading: { $option }, with the highest mean score so far ({ $mean } of 5).
}
poll-score-tie = { $status ->
    [closed] Result: a tie between { $options }, each with a mean score of { $mean } of 5. A tie in this kind of poll is not broken: the group decides.
   *[open] So far a tie between { $options }, each with a mean score of { $mean } of 5. A tie when the poll closes is not broken.
}
poll-mean = mean { $mean } of 5 (scores { $spread })
poll-round = Round { $round }: { $standing } ({ $exhausted ->
    [one] 1 ballot exhausted
   *[other] { $exhausted } ballots exhausted
})
poll-eliminated = {" "}→ { $option } eliminated
poll-round-tie = {" "}→ tie for fewest between { $options } ({ $votes } each); { $by ->
    [lot] no earlier round separates them, so the poll's lot decides
   *[round] round { $earlier } decides: of them, the one with fewer votes there goes
}
poll-ranked-winner = Winner after instant-runoff: { $option }, with { $votes } of the { $active ->
    [one] 1 ballot
   *[other] { $active } ballots
} still counting in round { $round }{ $exhausted ->
    [0] {""}
   *[other] {" "}({ $exhausted } exhausted)
}.
poll-ranked-tie-note = { $count ->
    [one] A tie-break decided round { $rounds }.
   *[other] Tie-breaks decided rounds { $rounds }.
} How ties are broken: { $help }
poll-consent-vote = { $vote ->
    [agree] Agree
    [abstain] Abstain
    [disagree] Disagree
   *[block] Block
}
poll-consent-outcome = { $outcome ->
    [passed] Outcome: the proposal passes.
    [blocked] Outcome: the proposal is blocked.
    [no-quorum] Outcome: not enough votes for a decision (no quorum).
   *[not-enough] Outcome: the proposal does not pass (not enough agreement).
}
poll-consent-no-votes = { $status ->
    [closed] Outcome: no votes were cast. { $outcome ->
        [passed] Under the no-block rule a proposal that nobody blocks passes, so it passes.
        [no-quorum] It needed { $quorum } votes (its quorum), so there is no decision.
       *[not-enough] { $rule ->
            [majority] Under the majority rule a proposal needs more agree votes than disagree and block votes together, so it does not pass.
           *[consent] Under the consent rule a proposal needs more agree than disagree votes and no block, so it does not pass.
        }
    }
   *[open] No votes yet.
}
poll-time-answers = yes { $yes } · maybe { $maybe } · no { $no }
poll-best-time = Best time: { $slot }
poll-best-time-tie = { $slots } are tied ({ $yes } yes, { $maybe } if need be each); the earliest of them wins.
poll-slot-passed = { $slot } has already passed, so it can no longer be chosen. Answer no for it, e.g. { $command }
poll-slots-passed = Every time in poll #{ $number } has already passed, so it takes no more votes.
poll-slot-past-mark = { $slot } (passed)
console-saved = saved to { $path }
console-save-failed = could not save { $path } (see the log)

## Discord

discord-more-actions = More: { $commands }
discord-truncated = (shortened: the full text was too long for Discord)
discord-guild-only = kumpul works in servers, not in direct messages.
discord-missing-permission = Moderators: kumpul is missing the { $permission } permission here, so { $purpose } Grant it to kumpul's role in Server Settings → Roles (or in this channel's permissions); nothing else is needed.
discord-permission-events = events are not shown in the server's event list.
discord-permission-threads = discussion threads cannot be opened.
cmd-settings-moderators = On Discord: make the members of a role moderators here, or none
opt-settings-moderators-role = The role, e.g. @Organisers; leave out (or none) to clear
settings-moderators-invalid = { $value } is not a role. Mention the role, e.g. { $example }, or write none.
sample-moderator-role = @Organisers
settings-moderators-discord-only = Moderator roles exist on Discord only; on Matrix, moderators are set by power level.
settings-moderators-set = Members of { $role } are now moderators here.
settings-moderators-cleared = Only members with Manage Server are moderators here now.
cmd-bot = kumpul itself
cmd-bot-leave = Make kumpul leave this space; what it stored stays
bot-leaving = { $actor } asked kumpul to leave. Goodbye! Invite it again any time: groups, polls and reminders stay stored.
console-cannot-leave = (The console is kumpul's own space; on Discord or Matrix it would leave now.)
poll-availability = { $answer ->
    [yes] yes
    [maybe] if need be
   *[no] no
}

## Events
cmd-event = Events: plan meetups, answer going or not, get reminded, add them to your calendar
cmd-event-create = Plan an event: when and what, and if you like where, for which group, how many places
opt-event-create-when = When: friday 19:00, 2026-12-05 10:00, every thursday 19:00, last friday of the month 19:00
opt-event-create-title = What it is called
opt-event-create-duration = How long: 2h, 90m (default 2h)
opt-event-create-where = Where it happens
opt-event-create-group = Announce it to this group (members pinged once, unless just pinged)
opt-event-create-capacity = Places, counting guests; when full, people join the waitlist
opt-event-create-repeat = Repeat from that date and time (give the time once): every friday, until 31 March, 10 times
opt-event-create-rsvp-by = Answers close at this time
opt-event-create-remind = When to remind people going, e.g. 1d, 1h (or none)
opt-event-create-remind-maybe = Remind people who answered maybe too
cmd-event-edit = Change an event (its creator or a moderator); everyone who answered is told what changed
opt-event-edit-number = The event's number
opt-event-edit-when = The new time (a series: every friday 19:00, read in your zone; the series takes your zone)
opt-event-edit-title = The new title
opt-event-edit-duration = The new length
opt-event-edit-where = The new place (none to clear)
opt-event-edit-capacity = The new number of places, or none for no limit; it cannot go below the places already taken
opt-event-edit-rsvp-by = The new answer deadline
opt-event-edit-remind = The new reminder times, e.g. 1d, 1h (or none)
opt-event-edit-only-next = Move only the next occurrence of a series
cmd-event-cancel = Cancel an event (its creator or a moderator); everyone who answered is told
opt-event-cancel-number = The event's number
opt-event-cancel-only-next = Cancel only the next occurrence of a series
cmd-event-list = Upcoming events, in your time zone
opt-event-list-group = Only this group's events
opt-event-list-page = Which page of the list to show (10 per page)
cmd-event-info = An event's details and who is going
opt-event-info-number = The event's number
cmd-event-mute = Stop reminder pings for one event, or for every event here
opt-event-mute-number = The event's number
opt-event-mute-all = Every event in this space
cmd-event-unmute = Get reminder pings again
opt-event-unmute-number = The event's number
opt-event-unmute-all = Every event in this space
cmd-event-ics = Download events as a calendar file (.ics): one event, a group's, or all
opt-event-ics-number = Only this event
opt-event-ics-group = Only this group's events
cmd-rsvp = Answer an event: going, maybe or no, with guests
opt-rsvp-number = The event's number
opt-rsvp-answer = Whether you are coming
opt-rsvp-guests = People you bring along (0–20)
cmd-settings-reminders = When new events remind people going, e.g. 1d, 1h, or none
opt-settings-reminders-offsets = Times before the start, e.g. 1d, 1h
action-going = Going
action-maybe = Maybe
action-not-going = Not going
unit-weeks = { $count ->
    [one] 1 week
   *[other] { $count } weeks
}
unit-days = { $count ->
    [one] 1 day
   *[other] { $count } days
}
unit-hours = { $count ->
    [one] 1 hour
   *[other] { $count } hours
}
unit-minutes = { $count ->
    [one] 1 minute
   *[other] { $count } minutes
}
event-field-when = When
event-field-when-line = When:{" "}
event-field-duration = Length
event-field-repeats = Repeats
event-field-where = Where
event-field-group = Group
event-field-next = Next date
event-field-title = Title
event-field-capacity = Places
event-field-rsvp-by = Answers close
event-field-reminders = Reminders
event-value-once = once
event-value-no-date = no date ahead
event-value-no-place = no place given
event-value-places = { $count ->
    [one] 1 place
   *[other] { $count } places
}
event-value-no-limit = no limit
event-value-before = { $time } before
event-value-no-deadline = when it starts
event-value-no-reminders = none
event-created = { $actor } planned event #{ $number }.
event-card-cancelled = This event is cancelled.
event-counts = { $capacity ->
    [0] Going: { $going }
   *[other] Going: { $going } of { $capacity } places
} · Maybe: { $maybe } · Waitlist: { $waitlist }
event-going-names = Going: { $names }
event-maybe-names = Maybe: { $names }
event-waitlist-names = Waitlist, in order: { $names }
event-rsvp-by = Answers close{" "}
event-how-to-answer = Answer with { $command } (or { $maybe }, { $no }; add a number for guests){ $reactions ->
    [yes] , or react ✅ going, ❔ maybe, ❌ not going.
   *[no] .
}
event-title-invalid = An event needs a title of 1–{ $max } characters without control characters.
event-place-invalid = A place can be at most { $max } characters, without control characters.
event-reminders-invalid = { $input } is not a list of reminder times: use up to { $max } lengths such as { $example }, or { $none }.
sample-reminders = 1d, 1h
sample-reminders-none = none
event-duration-invalid = { $input } is not a length of time. Try { $example } or 90m.
sample-duration = 2h
event-time-not-repeating = { $input } repeats; give one point in time here.
event-repeat-invalid = { $input } is not a repetition. Try --repeat "every thursday 19:00".
event-repeat-twice = The time already repeats, so leave out --repeat.
event-repeat-two-times = --when says { $when } but --repeat says { $repeat }. Give the time once: in --when (--when "friday { $when }" --repeat "every friday") or in --repeat.
event-rsvp-by-after-start = Answers must close before the event starts; { $input } is too late.
event-limit-person = You have { $count } upcoming events, the most one person can have here. Cancel one with { $command } (type { $list } to see their numbers), or wait until one has taken place.
event-limit-space = This space has { $count } upcoming events, the most it can have. Cancel one that will not happen with { $command } (type { $list } to see their numbers), or wait until some have taken place.
event-group-not-member = Only members of { $name } and moderators can plan events for it. To join it, type { $command }.
event-not-found = There is no event #{ $number } here. Type { $command } to see the upcoming ones.
event-not-organiser = Only the creator of event #{ $number } or a moderator can change it.
event-cancelled = Event #{ $number } is cancelled.
event-over = Event #{ $number } has no upcoming date.
event-rsvp-closed = Answers for event #{ $number } are closed.
event-answered = { $answer ->
    [going] { $guests ->
        [0] You are going to #{ $number } { $title }.
       *[other] You are going to #{ $number } { $title } with { $guests } guests.
    }
    [waitlist] #{ $number } { $title } is full: you are number { $position } on the waitlist, and you will get a ping when a place frees up.
    [maybe] You might go to #{ $number } { $title }.
   *[no] You are not going to #{ $number } { $title }.
}
event-answer-hint = If your plans change, type { $command }.
event-list-empty = No events are coming up. Plan one with { $command }
sample-event-create = friday 19:00 Board games
event-list-title = Upcoming events ({ $count })
event-list-going = { $capacity ->
    [0] { $going } going
   *[other] { $going }/{ $capacity } going
}
event-only-next = --only-next moves just the next date of a series: give only --when, e.g. { $example }
sample-event-when = saturday 19:00
event-only-next-series = Event #{ $number } does not repeat, so there is no next date to cancel on its own.
event-series-needs-repeat = This event repeats: give the new rule, e.g. { $example }, or move one date with --only-next.
sample-event-repeat = every friday 19:00
event-changed = { $actor } changed { $scope ->
    [next] the next date of event #{ $number }
   *[all] event #{ $number }
}:
event-unchanged = Event #{ $number } already has those details, so nothing changed and nobody was told.
event-capacity-invalid = { $input } is not a number of places: give a number from 1 to { $max }, e.g. { $example }, or { $none } for no limit.
sample-capacity-none = none
event-capacity-below-going = { $going } places of event #{ $number } are taken (guests counted), so it cannot have only { $capacity }: nobody loses a place they were given. Type { $enough } or more, or { $none } for no limit; people who cannot come can answer no first.
event-cancelled-by = { $actor } cancelled { $scope ->
    [next] the next date of event #{ $number } { $title }
   *[all] event #{ $number } { $title }
}.
event-muted = { $on ->
    [yes] No more reminder pings for #{ $number } { $title }.
   *[no] You will get reminder pings for #{ $number } { $title } again.
}
event-muted-all = { $on ->
    [yes] No more reminder pings for events here.
   *[no] You will get reminder pings for events here again.
}
event-mute-what = Say which event, e.g. { $one }, or { $all } for every event here.
event-ics = { $count ->
    [one] 1 event in { $file }. Open it with your calendar app to add it.
   *[other] { $count } events in { $file }. Open it with your calendar app to add them.
}
event-reminder = ⏰ #{ $number } { $title } starts in { $in }.
event-reminder-hint = To stop these pings, type { $command }.
event-promoted-private = A place freed up: you are now going to #{ $number } { $title },{" "}
settings-reminders-set = { $count ->
    [0] { $actor } turned event reminders off for new events.
   *[other] { $actor } set new events to remind people going { $times } before.
}
calendar-no-location = Details in the event message

## Ideas
cmd-idea = The idea board: share ideas, upvote them, turn the best into a poll
cmd-idea-add = Share an idea, under your name or anonymously
opt-idea-add-text = Your idea
opt-idea-add-group = The group it is for
opt-idea-add-anonymous = Post it without your name
cmd-idea-list = Open ideas, most upvoted or newest first
opt-idea-list-group = Only this group's ideas
opt-idea-list-top = Most upvoted first (the default)
opt-idea-list-new = Newest first
opt-idea-list-page = Which page of the list to show (10 per page)
cmd-idea-vote = Upvote an idea, or take your upvote back
opt-idea-vote-number = The idea's number
cmd-idea-status = Mark an idea planned, done or declined; its author is told
opt-idea-status-number = The idea's number
opt-idea-status-status = Its new status (open takes it back to undecided)
opt-idea-status-reason = Why, in a few words
cmd-idea-poll = Put ideas to a poll: ranked choice unless you choose another kind
opt-idea-poll-numbers = The ideas' numbers, e.g. 3 5 7
opt-idea-poll-kind = The kind of poll (default: ranked choice)
action-upvote = 👍 Upvote
idea-card = 💡 Idea #{ $number } from { $author }:
idea-card-anonymous = 💡 Idea #{ $number } (anonymous):
idea-votes = { $count ->
    [one] 1 upvote
   *[other] { $count } upvotes
}{ $status ->
    [planned] {" "}· planned
    [done] {" "}· done
    [declined] {" "}· declined
   *[open] {""}
}
idea-for-group = For the group { $name }.
idea-text-invalid = An idea (or a reason) is 1–{ $max } characters, without control characters.
idea-group-not-member = Only members of { $name } and moderators can add ideas for it. To join it, type { $command }.
idea-not-found = There is no idea #{ $number } here. Type { $command } to see them.
idea-closed = Idea #{ $number } is { $status ->
    [declined] declined
   *[done] done
}, so it takes no more upvotes.
idea-voted = { $on ->
    [yes] You upvoted idea #{ $number }. Typing { $command } again takes it back.
   *[no] You took back your upvote of idea #{ $number }.
}
idea-list-empty = No open ideas yet. Share one with { $command }
sample-idea = A picnic in the park
idea-list-title = { $order ->
    [new] Newest ideas ({ $count })
   *[top] Top ideas ({ $count })
}
idea-status-set = { $actor } marked idea #{ $number } ({ $idea }) as { $status ->
    [planned] planned
    [done] done
    [declined] declined
   *[open] open again
}.
idea-poll-numbers = Give 2–{ $max } idea numbers, e.g. { $example }
idea-poll-kind = Ideas can be put to a single-choice, multiple-choice, approval, score or ranked-choice poll.
idea-poll-question = Which ideas should we do?
idea-poll-from = A poll on ideas { $ideas }:

## Threads
cmd-thread = Discussion threads: open one, see a digest, close it
cmd-thread-start = Open a discussion thread, for everyone or for one group
opt-thread-start-topic = What it is about
opt-thread-start-group = The group it is for
opt-thread-start-ping = Ping the group's members (members and moderators), unless just pinged
cmd-thread-list = Open threads, or archived ones
opt-thread-list-group = Only this group's threads
opt-thread-list-open = Open threads (the default)
opt-thread-list-archived = Archived threads
opt-thread-list-page = Which page of the list to show (10 per page)
cmd-thread-close = Archive a thread (its opener or a moderator)
opt-thread-close-number = The thread's number
cmd-thread-reopen = Take a thread out of the archive (its opener or a moderator)
opt-thread-reopen-number = The thread's number
cmd-thread-digest = Catch up on a thread: who said how much, what got most reactions, what was decided
opt-thread-digest-number = The thread's number
cmd-idea-discuss = Open a discussion thread about an idea
opt-idea-discuss-number = The idea's number
idea-discuss-topic = Idea #{ $number }: { $idea }
thread-topic-invalid = A thread needs a topic of 1–{ $max } characters.
thread-group-not-member = Only members of { $name } and moderators can ping it. To join it, type { $command }.
thread-header = 🧵 Thread #{ $number }: { $topic }, opened by { $opener }.
thread-for-group = For the group { $name }.
thread-how = Reply in the thread. It is archived after { $days ->
    [one] a day
   *[other] { $days } days
} without messages; anyone can catch up with { $command }.
thread-not-found = There is no thread #{ $number } here. Type { $command } to see them.
thread-not-opener = Only whoever opened thread #{ $number } or a moderator can do that.
thread-already = Thread #{ $number } is already { $status ->
    [open] open
   *[archived] archived
}.
thread-status = { $actor } { $status ->
    [open] reopened
   *[archived] archived
} thread #{ $number } { $topic }.
thread-list-empty = { $status ->
    [archived] No archived threads.
   *[open] No open threads. Start one with { $command }
}
sample-thread-start = Summer trip plans
thread-list-title = { $status ->
    [archived] Archived threads ({ $count })
   *[open] Open threads ({ $count })
}
thread-digest-title = Catching up on thread #{ $number }: { $topic }
thread-digest-counts = { $messages ->
    [one] 1 message
   *[other] { $messages } messages
} from { $people ->
    [one] 1 person
   *[other] { $people } people
}; the thread is { $status ->
    [open] open
   *[archived] archived
}.
thread-digest-people = Who wrote: { $names }
thread-digest-top = Most reacted to:
thread-digest-message = { $author }, { $reactions ->
    [one] 1 reaction
   *[other] { $reactions } reactions
}
thread-digest-idea = About idea #{ $number } ({ $idea }), now { $status ->
    [planned] planned
    [done] done
    [declined] declined
   *[open] open
}.
thread-digest-poll = Poll #{ $number } { $question } ({ $status ->
    [open] open
   *[closed] closed
}): { $command }
thread-digest-quiet = Haven't written yet — welcome to join in any time: { $names }
thread-archived-note = This thread (#{ $number }) has been quiet for { $days ->
    [one] a day
   *[other] { $days } days
}, so it is archived. To pick it up again, type { $command }.
thread-first-message = Discussion starts here: reply in this thread.
console-thread-hint = Type /thread and its number to write in the thread, /thread alone to leave it.
console-thread-entered = You are writing in thread #{ $number }; commands still work. /thread leaves it.
console-thread-left = Back in the main conversation.
opt-event-create-thread = Open a discussion thread on the event
error-storage-unavailable = kumpul cannot reach its database right now, so it cannot tell whether this was saved (ref { $reference }). Please look again in a little while before repeating it, and tell whoever runs kumpul.
error-storage-gone = kumpul's database file was removed or replaced while it was running, so it has stopped saving anything (ref { $reference }). Please tell whoever runs kumpul: the database must be put back and kumpul started again.
idea-added-anonymously = Idea #{ $number } is posted anonymously, as kumpul's own message. { $kept ->
    [yes] This server keeps its author for moderators (never shown, never pinged).
   *[no] kumpul did not store who wrote it, so nobody can find out.
}
poll-secret-results = A secret poll shows its results only once it closes, so nobody can work out a vote from what changes. Leave out { $option }, or write { $instead }.
poll-secret-key-missing = Poll #{ $number } cannot take votes: its secret key is missing on this server, so a vote could never be counted. Please tell whoever runs kumpul (see "Privacy" in kumpul's README).
poll-uncounted = { $count ->
    [one] One ballot could not be counted: the poll's secret key was lost on this server.
   *[other] { $count } ballots could not be counted: the poll's secret key was lost on this server.
}
poll-group-only-results = Poll #{ $number } is for the members of { $name }: only they and moderators can see its results.
idea-group-only = Idea #{ $number } belongs to the group { $name }: only its members and moderators can upvote it, discuss it or put it to a poll. To join, type { $command }.
matrix-room-word = in
matrix-secret-vote-not-counted = { $action ->
    [retract] Your vote on secret poll #{ $number } was not taken back
   *[vote] Your vote on secret poll #{ $number } was not counted
}: everyone in { $room } can read the messages there, so a secret poll takes votes only in a direct message with kumpul, like this one.
matrix-secret-vote-closed = Secret poll #{ $number } is closed, so your message in { $room } changed nothing. Votes on secret polls go only in a direct message with kumpul, like this one: everyone in a room can read its messages.
matrix-anonymous-idea-not-posted = Your idea was not posted: everyone in { $room } can see who sends a message there. Send an anonymous idea in a direct message with kumpul, like this one, and kumpul posts it in the room as its own message.
matrix-removed-from-room = { $removed ->
    [yes] kumpul removed your message from { $room }.
   *[no] kumpul cannot remove other people's messages in { $room } (a moderator can give it the power level for that), so you may want to remove your message yourself.
}
matrix-send-here = To do it, send this here: { $command }
matrix-private-no-dm = { $what ->
    [idea] Anonymous ideas
   *[vote] Votes on secret polls
} go only in a direct message with kumpul, because everyone here can read this room's messages; kumpul did not carry this out. It could not open a direct message with you either: start one with { $bot } and send your command there.
matrix-idea-room-nowhere = kumpul cannot post your anonymous idea: apart from this direct message, you share no room with kumpul. Invite kumpul to the room, then send the idea here again.
matrix-idea-room-ambiguous = You share several rooms with kumpul ({ $rooms }), so kumpul cannot tell where to post your anonymous idea. Say which by starting your message with the room, for example: { $command }
matrix-vote-room-nowhere = { $room } has no open secret poll #{ $number }. Check the room and the number on the poll's message.
matrix-room-unknown = You and kumpul share no room { $room }. Name a room you are both in by its address (like #club:example.org) or its id (like !abc:example.org).
matrix-room-prefix-misplaced = Starting a message with { $word } and a room works only in a direct message with kumpul, for votes on secret polls and anonymous ideas. Type other commands in the room itself, without it.
matrix-redaction-reason = Removed by kumpul: this belongs in a direct message with kumpul.
matrix-edit-cut = This message grew too long for one Matrix message, so its end is cut off here.
discord-standalone-failed = Saved, but kumpul could not post its message in this channel, so nobody else sees it: kumpul may not be allowed to send messages or embed links here. A moderator can give kumpul's role the Send Messages and Embed Links permissions in this channel.
parse-mistyped-option = { $flag } is not an option of { $command } — did you mean { $suggestion }? Nothing was saved. If you meant it as text, put it in quotes: { $quoted }
poll-results-for-members = Poll #{ $number } is closed. Its results are for the members of its group: they can see them with { $command }.
idea-poll-mixed-groups = These ideas belong to different groups (or some to a group and some to everyone), so they cannot share one poll. Put each group's ideas to their own poll, e.g. { $example }
