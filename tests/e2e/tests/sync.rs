//! The sync indicator in the real app, against a real `hotline-sync-server`:
//! it shows the last sync, syncs on demand, and says "offline" with the
//! changes waiting when the server is gone.

use hotline_e2e::{App, DataDir, SyncServer};

#[tokio::test]
async fn the_indicator_shows_synced_then_offline_when_the_server_goes_away() {
    let mut server = SyncServer::start();
    let data = DataDir::new().with_supervisor().registered_with(&server);
    let mut app = App::launch("sync", &data).await;
    app.sign_in_as_supervisor().await;
    app.wait_for("#screen-main").await;
    app.wait_for_text("#sync-state", "Sinhronizēts").await;
    app.click("#sync-indicator").await;
    app.wait_for_text("#sync-state", "Sinhronizēts").await;
    app.screenshot("sync-synced").await;

    server.stop();
    app.click("#sync-indicator").await;
    app.wait_for_text("#sync-state", "Bezsaistē").await;
    app.screenshot("sync-offline").await;
    app.quit().await;
}
