//! Text that cannot deceive: the invisible characters people's text is cleaned of before
//! kumpul keeps or shows it.
//!
//! A right-to-left override (U+202E) makes `Lunch: 3 votes` after it read backwards, so a
//! poll option or an idea can make a results line say something else; zero-width and
//! other format characters make two different words look the same, and control
//! characters move the cursor of a terminal. None of them is ever needed in what people
//! type to a community bot, with two exceptions that build emoji: the zero-width joiner
//! (U+200D, 👩‍👩‍👧) and the tag characters of a subdivision flag (🏴 + tags + cancel tag,
//! the flag of Scotland). Variation selectors (U+FE0E/U+FE0F) are marks, not format
//! characters, and stay.
//!
//! Free text has them removed ([`strip_invisible`]); names, which must be what they look
//! like, are refused when they hold one ([`has_invisible`]). The parser applies both
//! (`command::options::convert`), so every option of every command, typed or sent by
//! Discord, passes here.

use std::borrow::Cow;

use unicode_general_category::{GeneralCategory, get_general_category};

const ZERO_WIDTH_JOINER: char = '\u{200D}';
/// 🏴, which a subdivision flag's tag characters follow.
const WAVING_BLACK_FLAG: char = '\u{1F3F4}';
const TAGS: std::ops::RangeInclusive<char> = '\u{E0020}'..='\u{E007F}';
const CANCEL_TAG: char = '\u{E007F}';

/// Whether `c` is a character kumpul does not keep: a control character other than a
/// newline or a tab (C0, DEL, C1), or a format character (direction marks, overrides and
/// isolates, zero-width spaces, the byte-order mark, soft hyphens, …) other than the
/// zero-width joiner. Tag characters count as invisible here; [`strip_invisible`] keeps
/// them only inside a flag.
pub fn is_invisible(c: char) -> bool {
    match c {
        '\n' | '\t' | ZERO_WIDTH_JOINER => false,
        _ if c.is_control() => true,
        _ => get_general_category(c) == GeneralCategory::Format,
    }
}

/// `text` without its invisible characters (see [`is_invisible`]); borrowed when it has
/// none, which is nearly always.
pub fn strip_invisible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_invisible(c) {
            out.push(c);
        }
        if c == WAVING_BLACK_FLAG {
            out.push_str(&flag_tags(&mut chars));
        }
    }
    Cow::Owned(out)
}

/// The tag characters after a 🏴, taken from `chars`: kept when they are a flag's (a few
/// tags ended by the cancel tag), else dropped, since they would spell hidden text.
fn flag_tags(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> String {
    /// The longest subdivision code (`usca` is 4, ISO 3166-2 allows up to 6) plus the
    /// cancel tag, with room to spare.
    const LONGEST: usize = 8;
    let mut tags = String::new();
    let mut count = 0;
    while let Some(&c) = chars.peek() {
        if !TAGS.contains(&c) {
            break;
        }
        chars.next();
        tags.push(c);
        count += 1;
        if c == CANCEL_TAG {
            break;
        }
    }
    if tags.ends_with(CANCEL_TAG) && count <= LONGEST {
        tags
    } else {
        String::new()
    }
}

/// Whether `text` holds a character [`strip_invisible`] removes.
pub fn has_invisible(text: &str) -> bool {
    strip_invisible(text) != text
}

#[cfg(test)]
mod tests;
