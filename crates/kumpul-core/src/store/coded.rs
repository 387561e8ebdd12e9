//! Reading the columns that hold one of a fixed set of words (`coded_enum!` types).
//!
//! Such a word is only ever written by kumpul, from the type's `code()`. One that is not
//! among the type's words means the row was written by something else (a newer kumpul
//! after a downgrade, a hand edit), and guessing what it meant could reopen a closed poll
//! or show results to people who must not see them; so the row fails to decode, naming
//! the table, the column and the word, instead of taking a default.

use sqlx::Row;
use sqlx::any::AnyRow;

/// The word in `column` of a row of `table`, as the type `parse` reads.
pub fn coded<T>(
    row: &AnyRow,
    table: &str,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, sqlx::Error> {
    let word: String = row.try_get(column)?;
    decode(table, column, &word, parse)
}

/// The same for a column that may be NULL.
pub fn coded_opt<T>(
    row: &AnyRow,
    table: &str,
    column: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, sqlx::Error> {
    let word: Option<String> = row.try_get(column)?;
    word.map(|w| decode(table, column, &w, parse)).transpose()
}

fn decode<T>(
    table: &str,
    column: &str,
    word: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, sqlx::Error> {
    parse(word).ok_or_else(|| sqlx::Error::ColumnDecode {
        index: column.to_owned(),
        source: format!("{table}.{column} holds the unknown word {word:?}").into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_word_is_an_error_naming_table_column_and_word() {
        let error = decode("polls", "status", "reopened", |w| {
            (w == "open").then_some(())
        })
        .unwrap_err();
        let shown = format!("{error}: {}", std::error::Error::source(&error).unwrap());
        assert!(shown.contains("polls.status"), "{shown}");
        assert!(shown.contains("\"reopened\""), "{shown}");
        assert!(matches!(error, sqlx::Error::ColumnDecode { index, .. } if index == "status"));
        assert!(decode("polls", "status", "open", |w| (w == "open").then_some(())).is_ok());
    }
}
