//! Accessibility in the real webview: axe-core's WCAG 2.1 A and AA rules
//! find no serious or critical problem on any screen, in Latvian and in
//! English: first-run set-up, unlock, the calls list, a call being logged, a
//! finished call, the referral directory and an entry, a report with its
//! charts, sync, settings and the audit log. Contrast is checked as rendered,
//! which only a real browser can do. Tabbing through the busiest screens,
//! every control reached shows where the focus is. A nameless button added at the end
//! shows that the check does find problems.

use hotline_e2e::{App, DataDir};
use serde_json::json;

/// Tabs through the screen and adds every control that takes the focus
/// without showing it.
async fn check_focus(app: &App, screen: &str, problems: &mut Vec<String>) {
    problems.extend(
        app.tab_through(TABS)
            .await
            .into_iter()
            .map(|element| format!("{screen}: no visible focus on {element}")),
    );
}

/// Enough presses of Tab to pass every control of the busiest screen's
/// first view.
const TABS: usize = 45;

#[tokio::test]
async fn no_screen_has_a_serious_accessibility_problem() {
    let mut problems = Vec::new();

    let fresh = DataDir::new();
    let mut app = App::launch("accessibility_setup", &fresh).await;
    app.wait_for("#screen-setup").await;
    app.check_accessibility("setup", &mut problems).await;
    app.quit().await;

    let calls = json!([{
        "startedAt": "2026-03-02T09:00:00Z",
        "endedAt": "2026-03-02T09:15:00Z",
        "line": "rigaLandline",
        "direction": "incoming",
        "region": "riga",
        "callerRole": "personAtRiskOrVictim",
        "gender": "female",
        "ageGroup": "from25To34",
        "language": "latvian",
        "contactBack": null,
        "subjects": ["forcedLabour"],
        "country": "GB",
        "risk": "medium",
        "immediateDanger": false,
        "adviceGiven": "",
        "referrals": [],
        "followUp": null,
        "notes": "",
        "caseRef": "K-0001",
    }]);
    let data = DataDir::new()
        .with_supervisor()
        .with_referrals()
        .with_calls(&calls);
    let mut app = App::launch("accessibility", &data).await;
    app.wait_for("#screen-unlock").await;
    app.check_accessibility("unlock", &mut problems).await;
    app.sign_in_as_supervisor().await;

    for language in ["lv", "en"] {
        app.click(&format!("#lang-{language}")).await;
        app.click("#nav-calls").await;
        app.wait_for("#calls-list .call-row").await;
        app.check_accessibility(&format!("calls-{language}"), &mut problems)
            .await;
        if language == "lv" {
            check_focus(&app, "calls", &mut problems).await;
        }

        app.click(".call-row").await;
        app.wait_for("#call-view").await;
        app.check_accessibility(&format!("call-view-{language}"), &mut problems)
            .await;

        app.click("#call-view-back").await;
        app.click("#call-new").await;
        app.wait_for("#call-form").await;
        app.check_accessibility(&format!("call-form-{language}"), &mut problems)
            .await;
        if language == "lv" {
            check_focus(&app, "call-form", &mut problems).await;
        }
        app.click("#call-discard").await;
        app.click("#call-discard-confirm").await;
        app.wait_gone("#call-form").await;

        app.click("#nav-referrals").await;
        app.wait_for(".referral-row").await;
        app.click(".referral-row").await;
        app.wait_for("#referral-detail").await;
        app.check_accessibility(&format!("referrals-{language}"), &mut problems)
            .await;

        app.click("#nav-reports").await;
        app.wait_for("#reports-form").await;
        app.type_into("#reports-from", "01.03.2026").await;
        app.type_into("#reports-to", "31.03.2026").await;
        app.click("#reports-run").await;
        app.wait_for("#chart-month-canvas").await;
        app.check_accessibility(&format!("reports-{language}"), &mut problems)
            .await;
        if language == "lv" {
            check_focus(&app, "reports", &mut problems).await;
        }

        for section in ["overview", "sync", "settings", "audit"] {
            app.click(&format!("#nav-{section}")).await;
            app.wait_for("#section-title").await;
            if section == "overview" {
                app.wait_for("#overview-calls[aria-busy='false']").await;
            }
            if section == "audit" {
                app.wait_for("#audit-table").await;
            }
            app.check_accessibility(&format!("{section}-{language}"), &mut problems)
                .await;
        }
    }

    // The control: a button with no name, which a screen reader would
    // announce as just "button", must be found.
    app.run_script(
        "const b = document.createElement('button'); b.id = 'nameless'; \
         document.querySelector('#main-content').append(b);",
    )
    .await;
    let found = app.accessibility_problems().await;
    assert!(
        found
            .iter()
            .any(|problem| problem.starts_with("button-name") && problem.contains("#nameless")),
        "the check finds a nameless button: {found:?}"
    );
    // And a button whose focus ring was taken away must be reported.
    app.run_script(
        "const b = document.createElement('button'); b.id = 'ringless'; b.textContent = 'x'; \
         b.style.outline = 'none'; b.style.boxShadow = 'none'; \
         document.querySelector('#nameless').after(b); \
         document.querySelector('#nameless').focus();",
    )
    .await;
    let unseen = app.tab_through(1).await;
    assert!(
        unseen.iter().any(|element| element.contains("#ringless")),
        "the check finds a control without a focus ring: {unseen:?}"
    );
    app.quit().await;

    assert!(
        problems.is_empty(),
        "serious accessibility problems:\n{}",
        problems.join("\n")
    );
}
