//! The console's own commands, the lines starting with `/`: `/as` switches who is
//! speaking, `/wait` moves the simulated clock, `/thread` enters or leaves a thread, and
//! `/quit` ends the session.

use kumpul_core::port::{
    Actor, Clock as TimeSource, Locale, Msg, Platform, Role, UserId, catalogue::Typed,
    time_format as format,
};

use super::{Clock, Session};

impl Session {
    pub(super) async fn meta(&mut self, meta: &str) -> Option<String> {
        let words: Vec<&str> = meta.split_whitespace().collect();
        match words.as_slice() {
            ["quit" | "exit" | "q"] => None,
            ["wait", duration] => Some(self.wait(duration).await),
            ["thread"] => Some(self.enter_thread(None).await),
            ["thread", number] => Some(self.enter_thread(Some(number)).await),
            ["as", name, flags @ ..] if valid_name(name) => Some(self.switch(name, flags).await),
            _ => Some(self.meta_help().await),
        }
    }

    /// `/as NAME [--member|--mod|--admin] [--locale en|id]`: speaks as `NAME` from now on.
    /// A person keeps their role and language for the whole session, as they would on a
    /// platform: the console's own user stays the space's admin when switched back to,
    /// and someone made a moderator once stays one until `--member` says otherwise.
    async fn switch(&mut self, name: &str, flags: &[&str]) -> String {
        let mut role = None;
        let mut locale = None;
        let mut flags = flags.iter();
        while let Some(flag) = flags.next() {
            match *flag {
                "--member" => role = Some(Role::Member),
                "--mod" | "--moderator" => role = Some(Role::Moderator),
                "--admin" => role = Some(Role::Admin),
                "--locale" => match flags.next().and_then(|l| Locale::parse(l)) {
                    Some(chosen) => locale = Some(chosen),
                    None => return self.meta_help().await,
                },
                _ => return self.meta_help().await,
            }
        }
        let user = UserId::new(Platform::Console, name.to_lowercase());
        let known = self.people.get(&user).cloned();
        let mut actor = known.unwrap_or(Actor {
            user: user.clone(),
            display_name: name.to_owned(),
            role: Role::Member,
            roles: Vec::new(),
            locale: None,
        });
        actor.display_name = name.to_owned();
        actor.role = role.unwrap_or(actor.role);
        actor.locale = locale.or(actor.locale);
        self.people.insert(user, actor.clone());
        self.actor = actor;
        let role = match self.actor.role {
            Role::Admin => "admin",
            Role::Moderator => "moderator",
            Role::Member => "member",
        };
        let msg = Msg::new("console-acting-as")
            .text("name", name)
            .select("role", role);
        format!("({})", self.bot.i18n().text(self.locale().await, &msg))
    }

    /// `/thread 3` enters thread #3, `/thread` leaves it.
    async fn enter_thread(&mut self, number: Option<&str>) -> String {
        let locale = self.locale().await;
        let Some(number) = number else {
            self.thread = None;
            return format!(
                "({})",
                self.bot
                    .i18n()
                    .text(locale, &Msg::new("console-thread-left"))
            );
        };
        let found = async {
            let number: i64 = number.trim_start_matches('#').parse().ok()?;
            let platform = self.bot.platform_thread(&self.space, number).await.ok()??;
            Some((number, platform))
        };
        match found.await {
            Some((number, platform)) => {
                self.thread = Some((number, platform));
                let msg = Msg::new("console-thread-entered").num("number", number);
                format!("({})", self.bot.i18n().text(locale, &msg))
            }
            None => {
                let msg = Msg::new("thread-not-found")
                    .num("number", number.parse().unwrap_or(0))
                    .typed("command", Typed::new(&["thread", "list"]));
                self.bot.i18n().text(locale, &msg)
            }
        }
    }

    /// `/wait 2h`: moves the simulated clock forward, delivering what falls due.
    async fn wait(&self, duration: &str) -> String {
        let locale = self.locale().await;
        let Clock::Simulated(clock) = &self.clock else {
            return self.bot.i18n().text(locale, &Msg::new("console-wait-real"));
        };
        let Some(total) = parse_wait(duration) else {
            return self.meta_help().await;
        };
        // Step through the wait so each job runs at its own time, as it would live.
        let step = 60_000;
        let mut waited = 0;
        while waited < total {
            let chunk = step.min(total - waited);
            clock.advance(chunk);
            waited += chunk;
            self.run_due().await;
        }
        let now = format::datetime(
            self.bot.i18n(),
            locale,
            clock.now_ms(),
            &self.bot.zone_of_user(&self.invocation()).await.0,
        );
        format!(
            "({})",
            self.bot
                .i18n()
                .text(locale, &Msg::new("console-waited").text("now", now))
        )
    }

    async fn meta_help(&self) -> String {
        self.bot
            .i18n()
            .text(self.locale().await, &Msg::new("console-unknown-meta"))
    }
}

/// `90s`, `30m`, `2h`, `1d`, `1h30m` → milliseconds (at most 400 days).
fn parse_wait(text: &str) -> Option<i64> {
    let mut total: i64 = 0;
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    while !rest.is_empty() {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let n: i64 = rest[..digits].parse().ok()?;
        rest = &rest[digits..];
        let unit = rest.chars().next()?;
        rest = &rest[unit.len_utf8()..];
        let ms = match unit {
            's' => 1_000,
            'm' => 60_000,
            'h' => 3_600_000,
            'd' => 86_400_000,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(ms)?)?;
    }
    (total > 0 && total <= 400 * 86_400_000).then_some(total)
}

/// Console names are one word of letters, digits, `-`, `_` or `.`.
fn valid_name(name: &str) -> bool {
    (1..=32).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

#[cfg(test)]
mod tests {
    use super::parse_wait;

    #[test]
    fn waits_are_read_in_seconds_minutes_hours_and_days() {
        assert_eq!(parse_wait("90s"), Some(90_000));
        assert_eq!(parse_wait("2h"), Some(7_200_000));
        assert_eq!(parse_wait("1h30m"), Some(5_400_000));
        assert_eq!(parse_wait("1d"), Some(86_400_000));
        for bad in ["", "2", "h", "2x", "0m", "999d"] {
            assert_eq!(parse_wait(bad), None, "{bad}");
        }
    }
}
