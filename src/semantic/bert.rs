//! The BERT encoder of all-MiniLM-L6-v2 (6 layers, 12 heads, 384 wide), inference only.
//!
//! Why here and not candle-transformers' `BertModel`: that crate compiles a hundred models to
//! serve one, about two minutes of every clean build on two cores. This is the same
//! computation as Hugging Face's `BertModel` with absolute positions and erf-GELU
//! (modeling_bert.py): embeddings + LayerNorm, then per layer self-attention with the padding
//! masked out, residual + LayerNorm, feed-forward, residual + LayerNorm. Dropout is the
//! identity at inference and is left out. The query, key and value projections are fused into
//! one matrix product per layer.

use candle_core::{DType, Module, Result, Tensor, D};
use candle_nn::{embedding, layer_norm, linear, Embedding, LayerNorm, Linear, VarBuilder};
use serde::Deserialize;

/// The fields of config.json this encoder reads; anything it cannot compute is refused.
#[derive(Debug, Clone, Deserialize)]
pub struct BertConfig {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub hidden_act: String,
    pub max_position_embeddings: usize,
    pub type_vocab_size: usize,
    pub layer_norm_eps: f64,
    #[serde(default = "absolute")]
    pub position_embedding_type: String,
}

fn absolute() -> String {
    "absolute".to_string()
}

impl BertConfig {
    /// Why this config cannot be run here, if it cannot.
    pub fn unsupported(&self) -> Option<String> {
        if self.hidden_act != "gelu" {
            return Some(format!(
                "hidden_act {:?}: only \"gelu\" (erf) is implemented",
                self.hidden_act
            ));
        }
        if self.position_embedding_type != "absolute" {
            return Some(format!(
                "position_embedding_type {:?}: only \"absolute\" is implemented",
                self.position_embedding_type
            ));
        }
        if self.num_attention_heads == 0
            || !self.hidden_size.is_multiple_of(self.num_attention_heads)
        {
            return Some(format!(
                "hidden_size {} is not a multiple of num_attention_heads {}",
                self.hidden_size, self.num_attention_heads
            ));
        }
        None
    }
}

pub struct Bert {
    word_embeddings: Embedding,
    position_embeddings: Embedding,
    token_type_embeddings: Embedding,
    embeddings_norm: LayerNorm,
    layers: Vec<Layer>,
}

struct Layer {
    /// query, key and value stacked: hidden → 3 × hidden.
    qkv: Linear,
    attention_output: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
    heads: usize,
    head_size: usize,
}

impl Bert {
    pub fn load(vb: VarBuilder, config: &BertConfig) -> Result<Bert> {
        // Checkpoints saved from BertForX put everything under "bert.".
        let vb = if vb.contains_tensor("bert.embeddings.word_embeddings.weight") {
            vb.pp("bert")
        } else {
            vb
        };
        let hidden = config.hidden_size;
        let eps = config.layer_norm_eps;
        let emb = vb.pp("embeddings");
        let layers = (0..config.num_hidden_layers)
            .map(|i| Layer::load(vb.pp(format!("encoder.layer.{i}")), config))
            .collect::<Result<Vec<_>>>()?;
        Ok(Bert {
            word_embeddings: embedding(config.vocab_size, hidden, emb.pp("word_embeddings"))?,
            position_embeddings: embedding(
                config.max_position_embeddings,
                hidden,
                emb.pp("position_embeddings"),
            )?,
            token_type_embeddings: embedding(
                config.type_vocab_size,
                hidden,
                emb.pp("token_type_embeddings"),
            )?,
            embeddings_norm: layer_norm(hidden, eps, emb.pp("LayerNorm"))?,
            layers,
        })
    }

    /// The last hidden states, (batch, tokens, hidden), for u32 token ids (batch, tokens) and
    /// an attention mask of the same shape, 1 for a token and 0 for padding. Token type ids
    /// are all 0 (single sentences).
    pub fn forward(&self, ids: &Tensor, mask: &Tensor) -> Result<Tensor> {
        let (_, tokens) = ids.dims2()?;
        let positions = Tensor::arange(0u32, tokens as u32, ids.device())?;
        let types = ids.zeros_like()?;
        let embedded = self
            .word_embeddings
            .forward(ids)?
            .add(&self.token_type_embeddings.forward(&types)?)?
            .broadcast_add(&self.position_embeddings.forward(&positions)?)?;
        let mut hidden = self.embeddings_norm.forward(&embedded)?;
        // 0 where attended, the lowest f32 where padding: added to the attention scores, it
        // makes the softmax weight of padding exactly 0 (as transformers does).
        let mask = mask.to_dtype(DType::F32)?;
        let bias = ((mask.ones_like()? - &mask)? * f64::from(f32::MIN))?
            .unsqueeze(1)?
            .unsqueeze(1)?; // (batch, 1, 1, tokens)
        for layer in &self.layers {
            hidden = layer.forward(&hidden, &bias)?;
        }
        Ok(hidden)
    }
}

impl Layer {
    fn load(vb: VarBuilder, config: &BertConfig) -> Result<Layer> {
        let hidden = config.hidden_size;
        let eps = config.layer_norm_eps;
        let attention = vb.pp("attention");
        let projections = ["query", "key", "value"]
            .map(|name| linear(hidden, hidden, attention.pp("self").pp(name)));
        let [q, k, v] = projections;
        let (q, k, v) = (q?, k?, v?);
        let weight = Tensor::cat(&[q.weight(), k.weight(), v.weight()], 0)?;
        let bias = match (q.bias(), k.bias(), v.bias()) {
            (Some(qb), Some(kb), Some(vb)) => Some(Tensor::cat(&[qb, kb, vb], 0)?),
            _ => None,
        };
        Ok(Layer {
            qkv: Linear::new(weight, bias),
            attention_output: linear(hidden, hidden, attention.pp("output").pp("dense"))?,
            attention_norm: layer_norm(hidden, eps, attention.pp("output").pp("LayerNorm"))?,
            intermediate: linear(
                hidden,
                config.intermediate_size,
                vb.pp("intermediate").pp("dense"),
            )?,
            output: linear(
                config.intermediate_size,
                hidden,
                vb.pp("output").pp("dense"),
            )?,
            output_norm: layer_norm(hidden, eps, vb.pp("output").pp("LayerNorm"))?,
            heads: config.num_attention_heads,
            head_size: hidden / config.num_attention_heads,
        })
    }

    fn forward(&self, hidden: &Tensor, bias: &Tensor) -> Result<Tensor> {
        let (batch, tokens, width) = hidden.dims3()?;
        let qkv = self.qkv.forward(hidden)?;
        // (batch, tokens, width) → (batch, heads, tokens, head_size)
        let split = |part: usize| -> Result<Tensor> {
            qkv.narrow(D::Minus1, part * width, width)?
                .reshape((batch, tokens, self.heads, self.head_size))?
                .transpose(1, 2)?
                .contiguous()
        };
        let (q, k, v) = (split(0)?, split(1)?, split(2)?);
        let scores = (q.matmul(&k.t()?)? / (self.head_size as f64).sqrt())?;
        let weights = candle_nn::ops::softmax_last_dim(&scores.broadcast_add(bias)?)?;
        let context = weights
            .matmul(&v)?
            .transpose(1, 2)?
            .contiguous()?
            .reshape((batch, tokens, width))?;
        let attended = self
            .attention_norm
            .forward(&(self.attention_output.forward(&context)? + hidden)?)?;
        let inner = self.intermediate.forward(&attended)?.gelu_erf()?;
        self.output_norm
            .forward(&(self.output.forward(&inner)? + &attended)?)
    }
}
