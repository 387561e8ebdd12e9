//! The stored words of threads.

coded_enum! {
    /// Whether a thread is followed: an archived thread records no activity until it is
    /// reopened.
    pub enum ThreadStatus {
        Open = "open",
        Archived = "archived",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_statuses_round_trip_through_their_codes() {
        assert_codes_round_trip!(ThreadStatus);
    }
}
