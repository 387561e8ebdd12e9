use super::*;
use crate::features::settings::repo::ensure_space;
use crate::testing::each_backend;

const SPACE: &str = "console:local";

/// Inserts group `id` into the test space.
async fn add_group(conn: &mut AnyConnection, id: i64, name: &str, key: &str) {
    insert_group(conn, &new_group(id, name, key)).await.unwrap();
}

/// Adds `who` (`console:<who>`) to group `group`.
async fn join(conn: &mut AnyConnection, store: &crate::store::Store, group: i64, who: &str) {
    let user = format!("console:{who}");
    insert_member_if_exists(conn, store.backend(), group, &user, who, 1)
        .await
        .unwrap();
}

fn new_group<'a>(id: i64, name: &'a str, key: &'a str) -> NewGroup<'a> {
    NewGroup {
        id,
        space_id: SPACE,
        name,
        name_key: key,
        description: "about",
        owner_id: "console:alice",
        owner_name: "alice",
        created_at: 1_000,
    }
}

#[tokio::test]
async fn a_group_is_stored_with_tags_and_found_by_key_and_id() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        add_group(&mut conn, 1, "Hiking", "hiking").await;
        replace_tags(&mut conn, 1, &["outdoor".into(), "weekend".into()])
            .await
            .unwrap();

        let group = fetch_group_by_key(&mut conn, SPACE, "hiking")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(group.name, "Hiking");
        assert_eq!(group.tags, ["outdoor", "weekend"]);
        assert_eq!(group.member_count, 0);
        assert_eq!(fetch_group(&mut conn, SPACE, 1).await.unwrap(), Some(group));
        assert_eq!(
            fetch_group(&mut conn, "console:other", 1).await.unwrap(),
            None
        );
    })
    .await;
}

#[tokio::test]
async fn names_are_unique_per_space_by_key() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        add_group(&mut conn, 1, "Hiking", "hiking").await;
        let error = insert_group(&mut conn, &new_group(2, "HIKING", "hiking"))
            .await
            .unwrap_err();
        assert!(
            error.as_database_error().unwrap().is_unique_violation(),
            "{error}"
        );
        // The failed insert changed nothing.
        assert_eq!(count_groups(&mut conn, SPACE, None).await.unwrap(), 1);
    })
    .await;
}

#[tokio::test]
async fn members_join_once_and_leave_once() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        add_group(&mut conn, 1, "Hiking", "hiking").await;
        assert!(
            insert_member_if_exists(&mut conn, store.backend(), 1, "console:bob", "bob", 10)
                .await
                .unwrap()
        );
        assert!(
            !insert_member_if_exists(&mut conn, store.backend(), 1, "console:bob", "bob", 11)
                .await
                .unwrap()
        );
        assert!(
            insert_member_if_exists(&mut conn, store.backend(), 1, "console:carol", "carol", 12)
                .await
                .unwrap()
        );
        assert!(is_member(&mut conn, 1, "console:bob").await.unwrap());
        let names: Vec<_> = list_members(&mut conn, 1)
            .await
            .unwrap()
            .into_iter()
            .map(|m| m.display_name)
            .collect();
        assert_eq!(names, ["bob", "carol"]);
        assert!(delete_member(&mut conn, 1, "console:bob").await.unwrap());
        assert!(!delete_member(&mut conn, 1, "console:bob").await.unwrap());
        assert!(!is_member(&mut conn, 1, "console:bob").await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn lists_are_sorted_by_size_then_name_and_filter_by_tag() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        add_group(&mut conn, 1, "chess", "chess").await;
        add_group(&mut conn, 2, "Books", "books").await;
        add_group(&mut conn, 3, "hiking", "hiking").await;
        join(&mut conn, &store, 3, "a").await;
        join(&mut conn, &store, 3, "b").await;
        join(&mut conn, &store, 1, "a").await;
        replace_tags(&mut conn, 3, &["outdoor".into()])
            .await
            .unwrap();

        let all: Vec<_> = list_groups(&mut conn, SPACE, None, 10, 0).await.unwrap();
        let order: Vec<_> = all
            .iter()
            .map(|g| (g.name.as_str(), g.member_count))
            .collect();
        assert_eq!(order, [("hiking", 2), ("chess", 1), ("Books", 0)]);
        assert_eq!(all[0].tags, ["outdoor"]);

        let outdoor = list_groups(&mut conn, SPACE, Some("outdoor"), 10, 0)
            .await
            .unwrap();
        assert_eq!(outdoor.len(), 1);
        assert_eq!(outdoor[0].tags, ["outdoor"]);
        assert_eq!(
            count_groups(&mut conn, SPACE, Some("outdoor"))
                .await
                .unwrap(),
            1
        );
        let mine: Vec<_> = list_groups_of_member(&mut conn, SPACE, "console:a", 10, 0)
            .await
            .unwrap()
            .into_iter()
            .map(|g| g.name)
            .collect();
        assert_eq!(mine, ["chess", "hiking"]);
    })
    .await;
}

#[tokio::test]
async fn deleting_a_group_removes_its_members_and_tags() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        add_group(&mut conn, 1, "hiking", "hiking").await;
        join(&mut conn, &store, 1, "a").await;
        replace_tags(&mut conn, 1, &["outdoor".into()])
            .await
            .unwrap();
        delete_group(&mut conn, 1).await.unwrap();
        assert_eq!(list_members(&mut conn, 1).await.unwrap(), []);
        assert!(
            list_groups_of_member(&mut conn, SPACE, "console:a", 10, 0)
                .await
                .unwrap()
                .is_empty()
        );
        let tags: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM group_tags")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
        assert_eq!(tags, 0, "foreign keys cascade on both backends");
    })
    .await;
}

#[tokio::test]
async fn renaming_updates_the_key_used_for_lookups() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        add_group(&mut conn, 1, "hiking", "hiking").await;
        update_group(&mut conn, 1, "Trail Running", "trail running", "fast")
            .await
            .unwrap();
        assert!(
            fetch_group_by_key(&mut conn, SPACE, "hiking")
                .await
                .unwrap()
                .is_none()
        );
        let group = fetch_group_by_key(&mut conn, SPACE, "trail running")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (group.name.as_str(), group.description.as_str()),
            ("Trail Running", "fast")
        );
    })
    .await;
}

#[tokio::test]
async fn the_ping_cooldown_lets_one_ping_through_per_window() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        add_group(&mut conn, 1, "hiking", "hiking").await;
        let cooldown = 60_000;
        assert!(
            claim_ping(&mut conn, 1, 100_000, 100_000 - cooldown, None)
                .await
                .unwrap()
        );
        assert!(
            !claim_ping(&mut conn, 1, 130_000, 130_000 - cooldown, None)
                .await
                .unwrap()
        );
        assert!(
            claim_ping(&mut conn, 1, 160_000, 160_000 - cooldown, None)
                .await
                .unwrap()
        );
        let group = fetch_group(&mut conn, SPACE, 1).await.unwrap().unwrap();
        assert_eq!(group.last_ping_at, Some(160_000));
    })
    .await;
}

#[tokio::test]
async fn a_scheduled_ping_prepared_again_keeps_its_claim_and_no_one_else_gets_one() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        add_group(&mut conn, 1, "hiking", "hiking").await;
        let cooldown = 60_000;
        let claim = |now: i64, key: Option<&'static str>| (now, now - cooldown, key);
        let mut try_claim = async |(now, not_after, key)| {
            claim_ping(&mut conn, 1, now, not_after, key).await.unwrap()
        };
        assert!(try_claim(claim(100_000, Some("reminder:7:100000"))).await);
        // The same job again (its delivery failed): still its ping, from its first time.
        assert!(try_claim(claim(105_000, Some("reminder:7:100000"))).await);
        // Another job, and a command, wait for the cooldown.
        assert!(!try_claim(claim(110_000, Some("reminder:8:110000"))).await);
        assert!(!try_claim(claim(120_000, None)).await);
        assert_eq!(fetch_last_ping(&mut conn, 1).await.unwrap(), Some(100_000));
    })
    .await;
}

#[tokio::test]
async fn suggestions_put_prefix_matches_before_substring_matches() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        for (id, name) in [
            (1, "Hiking"),
            (2, "Night hikes"),
            (3, "Chess"),
            (4, "hiking club"),
        ] {
            insert_group(&mut conn, &new_group(id, name, &name.to_lowercase()))
                .await
                .unwrap();
        }
        let names = suggest_group_names(&mut conn, SPACE, "HIK", 25)
            .await
            .unwrap();
        assert_eq!(names, ["Hiking", "hiking club", "Night hikes"]);
        assert_eq!(
            suggest_group_names(&mut conn, SPACE, "", 2).await.unwrap(),
            ["Chess", "Hiking"]
        );
    })
    .await;
}

/// Names of one page of each list, to compare pages.
fn names(groups: &[Group]) -> Vec<String> {
    groups.iter().map(|g| g.name.clone()).collect()
}

#[tokio::test]
async fn each_list_returns_at_most_a_page_and_the_next_page_continues_it() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        for id in 1..=25 {
            let name = format!("g{id:02}");
            add_group(&mut conn, id, &name, &name).await;
            join(&mut conn, &store, id, "a").await;
            join(&mut conn, &store, 1, &format!("m{id:02}")).await;
        }
        assert_eq!(count_groups(&mut conn, SPACE, None).await.unwrap(), 25);
        let mut seen = Vec::new();
        for offset in [0, 10, 20] {
            let page = list_groups(&mut conn, SPACE, None, 10, offset)
                .await
                .unwrap();
            assert!(page.len() <= 10);
            seen.extend(names(&page));
        }
        let mut expected: Vec<String> = (2..=25).map(|id| format!("g{id:02}")).collect();
        expected.insert(0, "g01".into());
        assert_eq!(
            seen, expected,
            "biggest first, then by name, no gaps or repeats"
        );

        assert_eq!(
            count_groups_of_member(&mut conn, SPACE, "console:a")
                .await
                .unwrap(),
            25
        );
        let second = list_groups_of_member(&mut conn, SPACE, "console:a", 10, 10)
            .await
            .unwrap();
        assert_eq!(
            names(&second),
            (11..=20).map(|id| format!("g{id:02}")).collect::<Vec<_>>()
        );

        assert_eq!(count_members(&mut conn, 1).await.unwrap(), 26);
        let first = list_members_page(&mut conn, 1, 20, 0).await.unwrap();
        let rest = list_members_page(&mut conn, 1, 20, 20).await.unwrap();
        assert_eq!((first.len(), rest.len()), (20, 6));
        let paged: Vec<_> = first.into_iter().chain(rest).collect();
        assert_eq!(paged, list_members(&mut conn, 1).await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn suggestions_are_cut_at_the_limit_prefix_matches_first_and_wildcards_are_literal() {
    each_backend(|store| async move {
        let mut conn = store.pool().acquire().await.unwrap();
        ensure_space(&mut conn, SPACE, 1).await.unwrap();
        let mut id = 0;
        for i in 0..40 {
            id += 1;
            let name = format!("chess {i:02}");
            add_group(&mut conn, id, &name, &name).await;
            id += 1;
            let name = format!("night chess {i:02}");
            add_group(&mut conn, id, &name, &name).await;
        }
        for name in ["100% fun", "100x fun", "a_b", "axb", "chesz", "chess\\"] {
            id += 1;
            add_group(&mut conn, id, name, name).await;
        }
        let chess = suggest_group_names(&mut conn, SPACE, "Chess", 25)
            .await
            .unwrap();
        assert_eq!(chess.len(), 25);
        assert_eq!(chess[0], "chess 00");
        assert!(chess.iter().all(|n| n.starts_with("chess")), "{chess:?}");
        let night = suggest_group_names(&mut conn, SPACE, "chess 3", 25)
            .await
            .unwrap();
        let expected: Vec<String> = (30..40)
            .map(|i| format!("chess {i}"))
            .chain((30..40).map(|i| format!("night chess {i}")))
            .collect();
        assert_eq!(
            night, expected,
            "prefix matches, then the ones that contain it"
        );
        assert_eq!(
            suggest_group_names(&mut conn, SPACE, "100%", 25)
                .await
                .unwrap(),
            ["100% fun"]
        );
        assert_eq!(
            suggest_group_names(&mut conn, SPACE, "a_", 25)
                .await
                .unwrap(),
            ["a_b"]
        );
        assert_eq!(
            suggest_group_names(&mut conn, SPACE, "chess\\", 25)
                .await
                .unwrap(),
            ["chess\\"]
        );
    })
    .await;
}

#[test]
fn the_end_of_a_prefix_range_is_the_prefix_with_its_last_character_stepped() {
    assert_eq!(prefix_end("ab").as_deref(), Some("ac"));
    assert_eq!(prefix_end("a\u{10FFFF}").as_deref(), Some("b"));
    assert_eq!(prefix_end("a\u{D7FF}").as_deref(), Some("a\u{E000}"));
    assert_eq!(prefix_end(""), None);
    assert_eq!(prefix_end("\u{10FFFF}"), None);
}
