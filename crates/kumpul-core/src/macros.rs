//! Small macros shared by features.

/// An enum that is typed and stored as fixed words. Its `CODES` are also the choices the
/// catalogue offers, so the words are written once. A stored word is read back with
/// [`crate::store::coded`], which refuses a word that is not one of them.
macro_rules! coded_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        // Not every stored word is also a catalogue choice, so a type may leave these unused.
        #[allow(dead_code)]
        impl $name {
            pub const CODES: &'static [&'static str] = &[$($code),+];
            /// Every variant, in the order of `CODES`.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub const fn code(self) -> &'static str {
                match self {
                    $(Self::$variant => $code),+
                }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some(Self::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

/// Tests a `coded_enum!` type: every variant is read back from its own code, and the codes
/// are its `CODES` (one distinct word per variant), so a stored word means one thing.
#[cfg(test)]
macro_rules! assert_codes_round_trip {
    ($name:ty) => {
        $crate::macros::codes_round_trip(
            <$name>::ALL,
            <$name>::CODES,
            <$name>::code,
            <$name>::parse,
        )
    };
}

#[cfg(test)]
pub(crate) fn codes_round_trip<T: Copy + PartialEq + std::fmt::Debug>(
    all: &[T],
    codes: &[&str],
    code: fn(T) -> &'static str,
    parse: fn(&str) -> Option<T>,
) {
    let written: Vec<&str> = all.iter().map(|v| code(*v)).collect();
    assert_eq!(written, codes, "the codes, in order");
    for variant in all {
        assert_eq!(parse(code(*variant)), Some(*variant), "{variant:?}");
    }
    assert_eq!(parse(""), None);
    assert_eq!(parse("unknown"), None);
}

/// Makes a row type a [`crate::items::Numbered`] item from its two repository lookups:
/// `numbered! { Poll: "looking up a poll", "poll-not-found", "poll list", by_number, by_id }`.
macro_rules! numbered {
    ($item:ty: $looking_up:literal, $not_found:literal, $list:literal, $by_number:path, $by_id:path) => {
        impl $crate::items::Numbered for $item {
            const LOOKING_UP: &'static str = $looking_up;
            const NOT_FOUND: &'static str = $not_found;
            const LIST: &'static str = $list;

            fn space_id(&self) -> &str {
                &self.space_id
            }

            fn by_number<'a>(
                conn: &'a mut sqlx::AnyConnection,
                space_id: &'a str,
                number: i64,
            ) -> impl std::future::Future<Output = Result<Option<Self>, sqlx::Error>> + Send + 'a
            {
                $by_number(conn, space_id, number)
            }

            fn by_id(
                conn: &mut sqlx::AnyConnection,
                id: i64,
            ) -> impl std::future::Future<Output = Result<Option<Self>, sqlx::Error>> + Send + '_
            {
                $by_id(conn, id)
            }
        }
    };
}
