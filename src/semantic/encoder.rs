//! all-MiniLM-L6-v2 on the CPU: sentences in, 384-dimension unit vectors out, as
//! sentence-transformers computes them for this model (its modules.json): BERT over at most
//! `max_seq_length` tokens (256, from sentence_bert_config.json; longer texts are truncated),
//! the mean of the token vectors under the attention mask, then L2 normalisation.
//!
//! Throughput comes from batching: texts are sorted by token count and cut into batches, each
//! padded only to its own longest text, so little work is spent on padding. The attention mask
//! keeps padding out of both the attention and the mean, so a text's vector does not depend on
//! the batch it ran in. The matrix products run on candle's CPU backend, which splits them over
//! the threads of the rayon pool (`RAYON_NUM_THREADS`, default: one per core).

use std::path::{Path, PathBuf};

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use tokenizers::{Tokenizer, TruncationDirection, TruncationParams, TruncationStrategy};

use super::bert::{Bert, BertConfig};
use super::model::{hex, ModelFiles, MODEL_NAME};
use super::SemanticError;

/// The length of every vector [`Encoder::encode`] returns.
pub const DIMENSIONS: usize = 384;
/// sentence-transformers' `max_seq_length` when the folder has no sentence_bert_config.json.
const DEFAULT_MAX_TOKENS: usize = 256;
/// Texts per forward pass; measured on 2 cores (docs/semantic.md): larger batches pad more
/// and gain nothing once the matrix products fill the cores.
pub const DEFAULT_BATCH_SIZE: usize = 16;

/// A loaded model, ready to encode from any thread.
pub struct Encoder {
    model: Bert,
    tokenizer: Tokenizer,
    device: Device,
    max_tokens: usize,
    batch_size: usize,
    model_id: String,
    dir: PathBuf,
}

// The encoder is shared with background threads; keep it so.
const _: fn() = || {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<Encoder>();
};

#[derive(Deserialize)]
struct SentenceBertConfig {
    max_seq_length: Option<usize>,
}

#[derive(Deserialize)]
struct PoolingConfig {
    #[serde(default)]
    pooling_mode_cls_token: bool,
    #[serde(default = "yes")]
    pooling_mode_mean_tokens: bool,
    #[serde(default)]
    pooling_mode_max_tokens: bool,
    #[serde(default)]
    pooling_mode_mean_sqrt_len_tokens: bool,
}

fn yes() -> bool {
    true
}

impl Encoder {
    /// Loads the weights, config and tokenizer (about 90 MB read, a fraction of a second).
    pub fn load(files: &ModelFiles) -> Result<Encoder, SemanticError> {
        let config: BertConfig = read_json(&files.config)?;
        if let Some(reason) = config.unsupported() {
            return Err(SemanticError::invalid(&files.config, reason));
        }
        if config.hidden_size != DIMENSIONS {
            return Err(SemanticError::invalid(
                &files.config,
                format!(
                    "hidden_size is {}, not the {DIMENSIONS} of all-MiniLM-L6-v2",
                    config.hidden_size
                ),
            ));
        }
        check_pooling(&files.pooling_config())?;
        let max_tokens = max_tokens(files, &config)?;

        let weights = std::fs::read(&files.safetensors)
            .map_err(|e| SemanticError::io(&files.safetensors, e))?;
        let sha = hex(&Sha256::digest(&weights));
        let model_id = format!("{MODEL_NAME}@{}", &sha[..12]);
        let device = Device::Cpu;
        let vb = VarBuilder::from_buffered_safetensors(weights, DType::F32, &device)
            .map_err(|e| SemanticError::invalid(&files.safetensors, e))?;
        let model =
            Bert::load(vb, &config).map_err(|e| SemanticError::invalid(&files.safetensors, e))?;

        let mut tokenizer = Tokenizer::from_file(&files.tokenizer)
            .map_err(|e| SemanticError::invalid(&files.tokenizer, e))?;
        // The shipped tokenizer.json pads everything to 128 and truncates at 128; batches are
        // padded here instead, and sentence-transformers truncates at max_seq_length.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_tokens,
                strategy: TruncationStrategy::LongestFirst,
                stride: 0,
                direction: TruncationDirection::Right,
            }))
            .map_err(|e| SemanticError::invalid(&files.tokenizer, e))?;

        Ok(Encoder {
            model,
            tokenizer,
            device,
            max_tokens,
            batch_size: DEFAULT_BATCH_SIZE,
            model_id,
            dir: files.dir.clone(),
        })
    }

    /// The same encoder with another batch size (at least 1), to measure the trade-off.
    pub fn with_batch_size(mut self, batch_size: usize) -> Encoder {
        self.batch_size = batch_size.max(1);
        self
    }

    /// `all-MiniLM-L6-v2@` and the first 12 hex digits of the weights' sha256: changes with
    /// the weights, so a cache of vectors keyed by it never serves another model's vectors.
    pub fn model_id(&self) -> &str {
        &self.model_id
    }

    /// The token limit: longer texts are truncated, as sentence-transformers does.
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// One unit vector of [`DIMENSIONS`] per text, in the order given. An empty text gets the
    /// vector of `[CLS] [SEP]`, like any other.
    pub fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>, SemanticError> {
        self.encode_batched(texts, self.batch_size)
    }

    /// [`Encoder::encode`] with `batch_size` texts per forward pass (at least 1).
    pub fn encode_batched(
        &self,
        texts: &[&str],
        batch_size: usize,
    ) -> Result<Vec<Vec<f32>>, SemanticError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let encodings = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| self.failed(format!("tokenising: {e}")))?;
        let mut order: Vec<usize> = (0..encodings.len()).collect();
        order.sort_by_key(|&i| encodings[i].len());

        let mut vectors = vec![Vec::new(); texts.len()];
        for batch in order.chunks(batch_size.max(1)) {
            let tokens: Vec<&[u32]> = batch.iter().map(|&i| encodings[i].get_ids()).collect();
            let pooled = self
                .forward(&tokens)
                .map_err(|e| self.failed(e.to_string()))?;
            for (&i, vector) in batch.iter().zip(pooled) {
                vectors[i] = vector;
            }
        }
        Ok(vectors)
    }

    /// BERT over one batch of token ids, padded to the longest; mean-pooled, normalised.
    fn forward(&self, tokens: &[&[u32]]) -> candle_core::Result<Vec<Vec<f32>>> {
        let rows = tokens.len();
        let width = tokens.iter().map(|t| t.len()).max().unwrap_or(0).max(1);
        let mut ids = vec![0u32; rows * width];
        let mut mask = vec![0u32; rows * width];
        for (row, t) in tokens.iter().enumerate() {
            ids[row * width..row * width + t.len()].copy_from_slice(t);
            mask[row * width..row * width + t.len()].fill(1);
        }
        let ids = Tensor::from_vec(ids, (rows, width), &self.device)?;
        let mask = Tensor::from_vec(mask, (rows, width), &self.device)?;
        let hidden = self.model.forward(&ids, &mask)?; // (rows, width, 384)

        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // (rows, width, 1)
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?; // (rows, 384)
        let counts = mask.sum(1)?.clamp(1e-9f32, f32::MAX)?; // (rows, 1)
        let mean = summed.broadcast_div(&counts)?;
        let norms = mean
            .sqr()?
            .sum_keepdim(1)?
            .sqrt()?
            .clamp(1e-12f32, f32::MAX)?;
        mean.broadcast_div(&norms)?.to_vec2::<f32>()
    }

    fn failed(&self, reason: String) -> SemanticError {
        SemanticError::Encode {
            dir: self.dir.clone(),
            reason,
        }
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, SemanticError> {
    let text = std::fs::read_to_string(path).map_err(|e| SemanticError::io(path, e))?;
    serde_json::from_str(&text).map_err(|e| SemanticError::invalid(path, e))
}

/// Only mean pooling is implemented: a folder asking for another is refused, not misread.
fn check_pooling(path: &Path) -> Result<(), SemanticError> {
    if !path.is_file() {
        return Ok(());
    }
    let pooling: PoolingConfig = read_json(path)?;
    let mean_only = pooling.pooling_mode_mean_tokens
        && !pooling.pooling_mode_cls_token
        && !pooling.pooling_mode_max_tokens
        && !pooling.pooling_mode_mean_sqrt_len_tokens;
    if mean_only {
        Ok(())
    } else {
        Err(SemanticError::invalid(
            path,
            "asks for a pooling other than the mean of the tokens, which is all this encoder does",
        ))
    }
}

/// sentence_bert_config.json's max_seq_length (256 when absent), never beyond the position
/// embeddings the weights have.
fn max_tokens(files: &ModelFiles, config: &BertConfig) -> Result<usize, SemanticError> {
    let path = files.sentence_bert_config();
    let configured = if path.is_file() {
        read_json::<SentenceBertConfig>(&path)?.max_seq_length
    } else {
        None
    };
    let max = configured
        .unwrap_or(DEFAULT_MAX_TOKENS)
        .min(config.max_position_embeddings);
    if max < 2 {
        return Err(SemanticError::invalid(
            path,
            format!("max_seq_length {max} leaves no room for [CLS] and [SEP]"),
        ));
    }
    Ok(max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantic::model::Origin;
    use crate::semantic::test_support::Scratch;

    fn folder(files: &[(&str, &str)]) -> (Scratch, ModelFiles) {
        let scratch = Scratch::new("encoder");
        for (name, text) in files {
            let path = scratch.0.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        for name in ["model.safetensors", "tokenizer.json", "config.json"] {
            if !scratch.0.join(name).exists() {
                std::fs::write(scratch.0.join(name), "").unwrap();
            }
        }
        let files = ModelFiles::in_dir(&scratch.0, Origin::Configured).unwrap();
        (scratch, files)
    }

    const CONFIG: &str = r#"{"vocab_size": 30522, "hidden_size": 384, "num_hidden_layers": 6,
        "num_attention_heads": 12, "intermediate_size": 1536, "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1, "max_position_embeddings": 512, "type_vocab_size": 2,
        "initializer_range": 0.02, "layer_norm_eps": 1e-12, "pad_token_id": 0}"#;

    #[test]
    fn a_model_of_another_width_is_refused_by_name() {
        let (_dir, files) = folder(&[("config.json", &CONFIG.replace("384", "768"))]);
        let msg = Encoder::load(&files).err().unwrap().to_string();
        assert!(msg.contains("config.json"), "{msg}");
        assert!(msg.contains("hidden_size is 768"), "{msg}");
    }

    #[test]
    fn broken_weights_are_an_error_not_a_panic() {
        let (_dir, files) = folder(&[("config.json", CONFIG), ("model.safetensors", "junk")]);
        let msg = Encoder::load(&files).err().unwrap().to_string();
        assert!(msg.contains("model.safetensors"), "{msg}");
    }

    #[test]
    fn cls_pooling_is_refused() {
        let (_dir, files) = folder(&[
            ("config.json", CONFIG),
            (
                "1_Pooling/config.json",
                r#"{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}"#,
            ),
        ]);
        let msg = Encoder::load(&files).err().unwrap().to_string();
        assert!(msg.contains("pooling"), "{msg}");
    }

    #[test]
    fn max_tokens_comes_from_sentence_bert_config_within_the_positions() {
        let config: BertConfig = serde_json::from_str(CONFIG).unwrap();
        let (_a, files) = folder(&[]);
        assert_eq!(max_tokens(&files, &config).unwrap(), 256);
        let (_b, files) = folder(&[("sentence_bert_config.json", r#"{"max_seq_length": 128}"#)]);
        assert_eq!(max_tokens(&files, &config).unwrap(), 128);
        let (_c, files) = folder(&[("sentence_bert_config.json", r#"{"max_seq_length": 4096}"#)]);
        assert_eq!(max_tokens(&files, &config).unwrap(), 512);
        let (_d, files) = folder(&[("sentence_bert_config.json", r#"{"max_seq_length": 0}"#)]);
        assert!(max_tokens(&files, &config).is_err());
    }
}
