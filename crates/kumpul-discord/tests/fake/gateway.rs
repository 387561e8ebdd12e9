//! The fake's gateway websocket: HELLO, IDENTIFY answered with READY and GUILD_CREATE,
//! heartbeats acknowledged, dispatched events forwarded, and a RESUME answered by
//! replaying what the client missed.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::State;
use axum::extract::ws::{Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use serde_json::{Value, json};

use super::{Shared, payloads};

pub(super) async fn gateway(
    State(shared): State<Arc<Shared>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    upgrade.on_upgrade(move |socket| session(shared, socket))
}

/// One gateway session: HELLO, wait for IDENTIFY, READY and GUILD_CREATE, then answer
/// heartbeats and forward dispatched events.
async fn session(shared: Arc<Shared>, mut socket: WebSocket) {
    let hello = json!({ "op": 10, "s": null, "t": null, "d": { "heartbeat_interval": 41250 } });
    if socket
        .send(WsMessage::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    let mut events = shared.events.subscribe();
    loop {
        tokio::select! {
            () = shared.drop_connection.notified() => return,
            frame = socket.recv() => {
                let Some(Ok(frame)) = frame else { return };
                let WsMessage::Text(text) = frame else { continue };
                let Ok(value) = serde_json::from_str::<Value>(&text) else { continue };
                match value["op"].as_u64() {
                    Some(6) => {
                        // RESUME: replay what was dispatched after the client's last
                        // sequence number, then RESUMED; live frames follow.
                        shared.resumes.fetch_add(1, Ordering::SeqCst);
                        let after = value["d"]["seq"].as_u64().unwrap_or(0);
                        let missed: Vec<String> = {
                            let history = shared.history.lock().unwrap();
                            events = shared.events.subscribe();
                            history.iter().filter(|(s, _)| *s > after).map(|(_, f)| f.clone()).collect()
                        };
                        for frame in missed {
                            if socket.send(WsMessage::Text(frame.into())).await.is_err() {
                                return;
                            }
                        }
                        let seq = shared.seq.fetch_add(1, Ordering::SeqCst);
                        let resumed = json!({ "op": 0, "s": seq, "t": "RESUMED", "d": {} });
                        if socket.send(WsMessage::Text(resumed.to_string().into())).await.is_err() {
                            return;
                        }
                    }
                    Some(2) => {
                        shared.identifies.fetch_add(1, Ordering::SeqCst);
                        shared.identified.store(true, Ordering::SeqCst);
                        let url = format!("ws://127.0.0.1:{}/gateway", shared.port);
                        let ready = json!({ "op": 0, "s": 1, "t": "READY", "d": payloads::ready(&url) });
                        let guild = json!({ "op": 0, "s": 2, "t": "GUILD_CREATE", "d": payloads::guild() });
                        for frame in [ready, guild] {
                            if socket.send(WsMessage::Text(frame.to_string().into())).await.is_err() {
                                return;
                            }
                        }
                    }
                    Some(1) => {
                        let ack = json!({ "op": 11, "s": null, "t": null, "d": null });
                        if socket.send(WsMessage::Text(ack.to_string().into())).await.is_err() {
                            return;
                        }
                    }
                    _ => {}
                }
            }
            event = events.recv() => {
                let Ok(frame) = event else { continue };
                if socket.send(WsMessage::Text(frame.into())).await.is_err() {
                    return;
                }
            }
        }
    }
}
