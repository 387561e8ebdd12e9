//! Autocomplete for options that name an existing group: the guild's group names that
//! match what is being typed. Discord asks while the user types, and expects choices, not
//! a reply, so this is apart from [`super::interaction`].

use kumpul_core::port::{OptionKind, Platform, SpaceId, catalogue};
use serenity::all::{
    CommandInteraction, Context, CreateAutocompleteResponse, CreateInteractionResponse,
};

use super::Handler;
use super::interaction::flatten;

/// Most autocomplete choices Discord shows.
const AUTOCOMPLETE_MAX: usize = 25;

impl Handler {
    /// Group names of this guild that match what is being typed.
    pub(super) async fn on_autocomplete(&self, ctx: &Context, interaction: &CommandInteraction) {
        let (path, raw) = flatten(&interaction.data.name, &interaction.data.options);
        let Some(focused) = interaction.data.autocomplete() else {
            return;
        };
        let is_group = catalogue::walk().into_iter().any(|(p, spec)| {
            p == path.iter().map(String::as_str).collect::<Vec<_>>()
                && spec.options.iter().any(|o| {
                    o.name == focused.name && o.kind == OptionKind::GroupName { existing: true }
                })
        });
        let _ = raw;
        let mut response = CreateAutocompleteResponse::new();
        if let (true, Some(guild)) = (is_group, interaction.guild_id) {
            let space = SpaceId::new(Platform::Discord, guild.get().to_string());
            let names = self
                .bot
                .group_names_like(&space, focused.value, AUTOCOMPLETE_MAX);
            match names.await {
                Ok(names) => {
                    for name in names {
                        response = response.add_string_choice(name.clone(), name);
                    }
                }
                Err(error) => tracing::warn!(%error, "could not suggest group names"),
            }
        }
        if let Err(error) = interaction
            .create_response(&ctx.http, CreateInteractionResponse::Autocomplete(response))
            .await
        {
            tracing::warn!(%error, "could not answer autocomplete");
        }
    }
}
