//! `$/progress` around long work (indexing the corpus, embedding it), when the client supports
//! `window.workDoneProgress`. Failures to report progress never stop the work.

use std::sync::atomic::{AtomicU64, Ordering};

use tower_lsp::lsp_types::notification::Progress as ProgressNotification;
use tower_lsp::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp::lsp_types::{
    NumberOrString, ProgressParams, ProgressParamsValue, WorkDoneProgress, WorkDoneProgressBegin,
    WorkDoneProgressCreateParams, WorkDoneProgressEnd, WorkDoneProgressReport,
};
use tower_lsp::Client;

static NEXT_TOKEN: AtomicU64 = AtomicU64::new(1);

/// A progress the client was told about; `end` closes it.
pub struct Progress {
    client: Client,
    token: Option<NumberOrString>,
}

impl Progress {
    pub async fn begin(client: &Client, supported: bool, title: &str, message: String) -> Progress {
        let mut progress = Progress {
            client: client.clone(),
            token: None,
        };
        if !supported {
            return progress;
        }
        let token = NumberOrString::String(format!(
            "corroborate/{}",
            NEXT_TOKEN.fetch_add(1, Ordering::Relaxed)
        ));
        let created = client
            .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                token: token.clone(),
            })
            .await;
        if created.is_err() {
            return progress;
        }
        client
            .send_notification::<ProgressNotification>(ProgressParams {
                token: token.clone(),
                value: ProgressParamsValue::WorkDone(WorkDoneProgress::Begin(
                    WorkDoneProgressBegin {
                        title: title.into(),
                        cancellable: Some(false),
                        message: Some(message),
                        percentage: None,
                    },
                )),
            })
            .await;
        progress.token = Some(token);
        progress
    }

    /// How far the work has got (a percentage 0..=100 and a few words).
    pub async fn report(&self, message: String, percentage: u32) {
        if let Some(token) = &self.token {
            self.client
                .send_notification::<ProgressNotification>(ProgressParams {
                    token: token.clone(),
                    value: ProgressParamsValue::WorkDone(WorkDoneProgress::Report(
                        WorkDoneProgressReport {
                            cancellable: Some(false),
                            message: Some(message),
                            percentage: Some(percentage.min(100)),
                        },
                    )),
                })
                .await;
        }
    }

    pub async fn end(self, message: String) {
        if let Some(token) = self.token {
            self.client
                .send_notification::<ProgressNotification>(ProgressParams {
                    token,
                    value: ProgressParamsValue::WorkDone(WorkDoneProgress::End(
                        WorkDoneProgressEnd {
                            message: Some(message),
                        },
                    )),
                })
                .await;
        }
    }
}
