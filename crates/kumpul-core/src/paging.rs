//! Lists shown a page at a time: `remind list --page 2`, `poll list --page 3`.
//!
//! One reply used to carry a whole list (12,000 reminders once). Every list that can grow
//! without bound shows [`PAGE_SIZE`] items, with a footer saying which page this is and
//! what to type for the next; a page past the last is explained, not shown empty. Ten
//! items of a few hundred characters each keep a page inside Discord's 4,096-character
//! embed description; list lines cut long user text to [`PREVIEW_CHARS`]. The list command
//! is kept as a [`Typed`], so the footer's `--page` line is in the reader's language
//! (`polling daftar --halaman 2`).

use crate::catalogue::Typed;
use crate::i18n::Msg;

/// Items on one page.
pub const PAGE_SIZE: i64 = 10;

/// Longest piece of user text (a reminder's text, a poll's question) a list line shows.
pub const PREVIEW_CHARS: usize = 100;

/// A requested page, checked against how many items there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// 1-based.
    pub number: i64,
    /// How many pages there are (at least 1).
    pub pages: i64,
    /// Items on a page.
    pub size: i64,
}

impl Page {
    /// Page `requested` (the first when `None`) of a list of `total` items; a page past the
    /// last is refused with the message naming the last (`command` is the list command,
    /// with its other options).
    pub fn of(requested: Option<i64>, total: i64, command: &Typed) -> Result<Page, Msg> {
        Page::sized(requested, total, PAGE_SIZE, command)
    }

    /// [`Page::of`] with `size` items a page, for lists of short lines (member names).
    pub fn sized(
        requested: Option<i64>,
        total: i64,
        size: i64,
        command: &Typed,
    ) -> Result<Page, Msg> {
        let size = size.max(1);
        let pages = ((total.max(0) + size - 1) / size).max(1);
        let number = requested.unwrap_or(1);
        if number < 1 || number > pages {
            return Err(Msg::new("list-page-beyond")
                .num("pages", pages)
                .typed("command", with_page(command, pages)));
        }
        Ok(Page {
            number,
            pages,
            size,
        })
    }

    /// How many items come before this page.
    pub fn offset(&self) -> i64 {
        (self.number - 1) * self.size
    }

    /// The items of this page, from all of them.
    pub fn slice<T>(&self, mut all: Vec<T>) -> Vec<T> {
        let start = usize::try_from(self.offset())
            .unwrap_or(usize::MAX)
            .min(all.len());
        let size = usize::try_from(self.size).unwrap_or(usize::MAX);
        let end = start.saturating_add(size).min(all.len());
        all.truncate(end);
        all.drain(..start);
        all
    }

    /// "Page 1 of 12 — type `remind list --page 2` for the next." `None` for a list that
    /// fits on one page.
    pub fn footer(&self, command: &Typed) -> Option<Msg> {
        if self.pages <= 1 {
            return None;
        }
        let (key, next) = if self.number < self.pages {
            ("list-page-next", self.number + 1)
        } else {
            ("list-page-last", 1)
        };
        Some(
            Msg::new(key)
                .num("page", self.number)
                .num("pages", self.pages)
                .typed("command", with_page(command, next)),
        )
    }
}

/// `reply` with the page's footer (lists are answered privately).
pub fn with_footer(
    ctx: &crate::bot::Ctx<'_>,
    reply: crate::reply::Reply,
    page: Page,
    command: &Typed,
) -> crate::reply::Reply {
    match page.footer(command) {
        Some(footer) => reply.paragraph(ctx.t(crate::reply::Visibility::Private, &footer)),
        None => reply,
    }
}

/// `command` with `--group hiking` when it is about one group's items (a list, or the
/// example in its empty-list hint); the name is quoted when it has spaces.
pub fn in_group(command: Typed, name: Option<&str>) -> Typed {
    match name {
        Some(name) => command.named("group", name),
        None => command,
    }
}

fn with_page(command: &Typed, page: i64) -> Typed {
    command.clone().named("page", page)
}

/// `text` cut to [`PREVIEW_CHARS`], ending with `…` when cut.
pub fn preview(text: &str) -> String {
    if text.chars().count() <= PREVIEW_CHARS {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(PREVIEW_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Arg, I18n, Locale};

    /// The command a page message tells the reader to type, as `locale` reads it.
    fn command(msg: &Msg, locale: Locale) -> String {
        let i18n = I18n::load().unwrap();
        match msg.args.iter().find(|(name, _)| *name == "command") {
            Some((_, Arg::Typed(typed))) => typed.render(&i18n, locale),
            other => panic!("no command in {other:?}"),
        }
    }

    #[test]
    fn twenty_five_items_make_three_pages_and_the_last_has_five() {
        let list = Typed::new(&["remind", "list"]);
        let page = Page::of(Some(3), 25, &list).unwrap();
        assert_eq!(page.pages, 3);
        assert_eq!(page.slice((1..=25).collect()), vec![21, 22, 23, 24, 25]);
        let first = Page::of(None, 25, &list).unwrap();
        assert_eq!(
            first.slice((1..=25).collect()),
            (1..=10).collect::<Vec<_>>()
        );
        let next = first.footer(&list).unwrap();
        assert_eq!(next.id, "list-page-next");
        assert_eq!(command(&next, Locale::En), "remind list --page 2");
        assert_eq!(command(&next, Locale::Id), "ingatkan daftar --halaman 2");
        let last = page.footer(&list).unwrap();
        assert_eq!(last.id, "list-page-last");
        assert_eq!(command(&last, Locale::En), "remind list --page 1");
    }

    #[test]
    fn a_page_past_the_last_is_refused_with_the_last_and_one_page_has_no_footer() {
        let events = in_group(Typed::new(&["event", "list"]), Some("board games"));
        let beyond = Page::of(Some(4), 25, &events).unwrap_err();
        assert_eq!(beyond.id, "list-page-beyond");
        assert_eq!(
            command(&beyond, Locale::En),
            "event list --group \"board games\" --page 3"
        );
        assert_eq!(
            command(&beyond, Locale::Id),
            "acara daftar --grup \"board games\" --halaman 3"
        );
        let reminders = Typed::new(&["remind", "list"]);
        let empty = Page::of(None, 0, &reminders).unwrap();
        assert_eq!(empty.pages, 1);
        assert!(empty.footer(&reminders).is_none());
        assert!(Page::of(Some(0), 5, &reminders).is_err());
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis() {
        let long = "a".repeat(500);
        assert_eq!(preview(&long).chars().count(), PREVIEW_CHARS);
        assert!(preview(&long).ends_with('…'));
        assert_eq!(preview("short"), "short");
    }
}
