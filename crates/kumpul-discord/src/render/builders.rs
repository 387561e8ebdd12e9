//! A rendered [`Part`] on serenity's builders: the same content, pings, components and
//! embed whether it answers an interaction, follows one up, edits one, or is posted or
//! edited as a channel message.

use serenity::all::{
    CreateActionRow, CreateAllowedMentions, CreateInteractionResponseFollowup,
    CreateInteractionResponseMessage, CreateMessage, EditInteractionResponse, EditMessage,
};

use super::{BUTTONS_PER_ROW, Part};

/// Content, allowed mentions, components and embed of a part on any of serenity's
/// message builders (they share these methods but no trait).
macro_rules! with_part {
    ($builder:expr, $part:expr) => {{
        let part: &Part = $part;
        let builder = $builder
            .content(part.content.clone())
            .allowed_mentions(part.allowed_mentions())
            .components(part.rows());
        match &part.embed {
            Some(embed) => builder.embed(embed.clone()),
            None => builder,
        }
    }};
}

impl Part {
    pub(super) fn allowed_mentions(&self) -> CreateAllowedMentions {
        // An empty `parse` list: nothing in the text can ping, only the users named here.
        CreateAllowedMentions::new()
            .users(
                self.ping_users
                    .iter()
                    .map(|id| serenity::all::UserId::new(*id)),
            )
            .empty_roles()
    }

    pub(super) fn rows(&self) -> Vec<CreateActionRow> {
        self.selects
            .iter()
            .cloned()
            .map(CreateActionRow::SelectMenu)
            .chain(
                self.buttons
                    .chunks(BUTTONS_PER_ROW)
                    .map(|row| CreateActionRow::Buttons(row.to_vec())),
            )
            .collect()
    }

    /// A channel-message edit that replaces content, embed and components (live updates).
    pub fn edit_message(&self) -> EditMessage {
        with_part!(EditMessage::new(), self)
    }

    pub fn response(&self) -> CreateInteractionResponseMessage {
        with_part!(CreateInteractionResponseMessage::new(), self)
            .ephemeral(self.ephemeral)
            .files(self.files.clone())
    }

    pub fn followup(&self) -> CreateInteractionResponseFollowup {
        with_part!(CreateInteractionResponseFollowup::new(), self)
            .ephemeral(self.ephemeral)
            .files(self.files.clone())
    }

    pub fn edit(&self) -> EditInteractionResponse {
        let mut message = with_part!(EditInteractionResponse::new(), self);
        for file in &self.files {
            message = message.new_attachment(file.clone());
        }
        message
    }

    pub fn message(&self) -> CreateMessage {
        with_part!(CreateMessage::new(), self).files(self.files.clone())
    }
}
