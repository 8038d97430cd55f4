//! Quantized linear scorer plus Viterbi decoding over BILOU labels.
//!
//! Labels: `O` is 0; type `t` (PER, ORG, LOC, MISC) has `B` = 1 + 4t,
//! `I` = 2 + 4t, `L` = 3 + 4t, `U` = 4 + 4t.

// Index loops over the fixed-size label arrays read like the maths.
#![allow(clippy::needless_range_loop)]

use super::features::SentFeatures;
use crate::binary::{Reader, Writer};

/// Number of labels.
pub(crate) const NL: usize = 17;

/// Position part of a label: 0 B, 1 I, 2 L, 3 U (meaningless for `O`).
#[inline]
pub(crate) fn pos_of(label: usize) -> usize {
    (label - 1) % 4
}

/// Type part of a label (0..4; meaningless for `O`).
#[inline]
pub(crate) fn type_of(label: usize) -> usize {
    (label - 1) / 4
}

/// True when `b` may follow `a` (`a` = `None` at the sentence start).
pub(crate) fn allowed(a: Option<usize>, b: usize) -> bool {
    let open = |l: usize| l != 0 && matches!(pos_of(l), 0 | 1);
    match a {
        None => b == 0 || matches!(pos_of(b), 0 | 3),
        Some(a) if open(a) => b != 0 && matches!(pos_of(b), 1 | 2) && type_of(a) == type_of(b),
        Some(_) => b == 0 || matches!(pos_of(b), 0 | 3),
    }
}

/// True when a sentence may end on `a`.
pub(crate) fn may_end(a: usize) -> bool {
    a == 0 || matches!(pos_of(a), 2 | 3)
}

/// Trained weights of one stage, as used for tagging.
pub(crate) struct Stage {
    pub(crate) bits: u32,
    /// Feature row -> index into `rows` (in units of `NL`); 0 is all zeros.
    index: Vec<u32>,
    rows: Vec<i16>,
    scale: f32,
    /// Transition scores, `[from][to]`, already scaled; and start scores.
    trans: [[f32; NL]; NL],
    start: [f32; NL],
}

const NEG: f32 = -1.0e9;

impl Stage {
    /// Quantizes float weights (`w[row * NL + label]`) and transitions.
    pub(crate) fn quantize(
        bits: u32,
        w: &[f32],
        trans: &[f32],
        start: &[f32],
        prune: f32,
    ) -> Stage {
        let maxabs = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = maxabs / 32000.0;
        let nrows = 1usize << bits;
        let mut index = vec![0u32; nrows];
        let mut rows = vec![0i16; NL];
        for (r, slot) in index.iter_mut().enumerate() {
            let src = &w[r * NL..(r + 1) * NL];
            let q: Vec<i16> = src
                .iter()
                .map(|x| {
                    if x.abs() < prune {
                        0
                    } else {
                        (x / scale).round() as i16
                    }
                })
                .collect();
            if q.iter().all(|&x| x == 0) {
                continue;
            }
            *slot = (rows.len() / NL) as u32;
            rows.extend_from_slice(&q);
        }
        let mut t = [[NEG; NL]; NL];
        let mut s = [NEG; NL];
        for a in 0..NL {
            for b in 0..NL {
                if allowed(Some(a), b) {
                    t[a][b] = trans[a * NL + b];
                }
            }
            if allowed(None, a) {
                s[a] = start[a];
            }
        }
        Stage {
            bits,
            index,
            rows,
            scale,
            trans: t,
            start: s,
        }
    }

    /// Non-zero weight rows.
    #[cfg(test)]
    fn nonzero_rows(&self) -> usize {
        self.rows.len() / NL - 1
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.u32(self.bits);
        w.f32(self.scale);
        for a in 0..NL {
            for b in 0..NL {
                w.f32(self.trans[a][b]);
            }
        }
        for a in 0..NL {
            w.f32(self.start[a]);
        }
        let nz: Vec<(usize, u32)> = self
            .index
            .iter()
            .enumerate()
            .filter(|(_, &i)| i != 0)
            .map(|(r, &i)| (r, i))
            .collect();
        w.u32(nz.len() as u32);
        let mut prev = 0usize;
        for (r, _) in &nz {
            w.varint((r - prev) as u64);
            prev = *r;
        }
        // column-major by label: similar values sit together and compress well
        for l in 0..NL {
            for (_, i) in &nz {
                let v = self.rows[*i as usize * NL + l];
                // zig-zag into u16
                let z = ((v as i32) << 1) ^ ((v as i32) >> 31);
                w.u16(z as u16);
            }
        }
    }

    /// Reads what [`Stage::write`] wrote (tagging reads [`Stored`]).
    #[cfg(test)]
    fn read(r: &mut Reader) -> Option<Stage> {
        let st = Stored::read(r)?;
        let mut index = vec![0u32; 1usize << st.bits];
        for (k, &id) in st.ids.iter().enumerate() {
            index[id as usize] = (k + 1) as u32;
        }
        Some(Stage {
            bits: st.bits,
            index,
            rows: st.rows(),
            scale: st.scale,
            trans: st.trans,
            start: st.start,
        })
    }

    /// Label scores of every token (`out[t * NL + l]`); `at` is scratch
    /// space. Every row of the sentence is looked up before any is read,
    /// so the (mostly uncached) reads overlap; a feature without weights
    /// reads row 0 (all zeros), which saves a mispredicted branch. Integer
    /// sums do not depend on the order, and each token's sum is scaled as
    /// before.
    pub(crate) fn emissions(&self, feats: &SentFeatures, out: &mut Vec<f32>, at: &mut Vec<u32>) {
        out.clear();
        let n = feats.len();
        out.reserve(n * NL);
        at.clear();
        at.extend(feats.rows.iter().map(|&f| self.index[f as usize]));
        for t in 0..n {
            let mut acc = [0i32; NL];
            for &i in &at[feats.starts[t] as usize..feats.starts[t + 1] as usize] {
                let i = i as usize * NL;
                let row: &[i16; NL] = self.rows[i..i + NL]
                    .try_into()
                    .expect("rows hold whole rows");
                for l in 0..NL {
                    acc[l] += i32::from(row[l]);
                }
            }
            out.extend(acc.iter().map(|&a| a as f32 * self.scale));
        }
    }

    /// Best label sequence for the emissions; `back` is scratch space.
    pub(crate) fn viterbi(&self, em: &[f32], labels: &mut Vec<u8>, back: &mut Vec<[u8; NL]>) {
        viterbi_with(em, &self.trans, &self.start, labels, back);
    }
}

/// A stage as the model file holds it: the feature rows with weights, in
/// order, and their weights, left in the file's bytes. Tagging builds its
/// tables from this directly, without a [`Stage`]'s index of every row,
/// and without a decoded copy of the weights beside its own (6 MB at the
/// peak of loading the model, which a wasm memory keeps for good).
pub(crate) struct Stored<'a> {
    pub(crate) bits: u32,
    scale: f32,
    trans: [[f32; NL]; NL],
    start: [f32; NL],
    /// Feature rows with weights, ascending.
    ids: Vec<u32>,
    /// Their weights as written: zig-zag u16s, column-major by label.
    weights: &'a [u8],
}

impl<'a> Stored<'a> {
    /// Reads what [`Stage::write`] wrote; `None` when damaged.
    pub(crate) fn read(r: &mut Reader<'a>) -> Option<Stored<'a>> {
        let bits = r.u32()?;
        if !(8..=24).contains(&bits) {
            return None;
        }
        let scale = r.f32()?;
        let mut trans = [[0f32; NL]; NL];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = r.f32()?;
            }
        }
        let mut start = [0f32; NL];
        for x in start.iter_mut() {
            *x = r.f32()?;
        }
        let n = r.u32()? as usize;
        let nrows = 1usize << bits;
        if n >= nrows {
            return None;
        }
        let mut ids = Vec::with_capacity(n);
        let mut at = 0usize;
        for k in 0..n {
            let step = r.varint()? as usize;
            // rows are written once each, in order
            if k > 0 && step == 0 {
                return None;
            }
            at = at.checked_add(step).filter(|&a| a < nrows)?;
            ids.push(at as u32);
        }
        let weights = r.bytes(n.checked_mul(NL * 2)?)?;
        Some(Stored {
            bits,
            scale,
            trans,
            start,
            ids,
            weights,
        })
    }

    /// Weight `l` of the `k`th row with weights (from 0).
    #[inline]
    fn weight(&self, k: usize, l: usize) -> i16 {
        let at = (l * self.ids.len() + k) * 2;
        let z = i32::from(u16::from_le_bytes([self.weights[at], self.weights[at + 1]]));
        ((z >> 1) ^ -(z & 1)) as i16
    }

    /// The weights as [`Stage`] holds them: `NL` a row, after an all-zero row 0.
    #[cfg(test)]
    fn rows(&self) -> Vec<i16> {
        let mut rows = vec![0i16; (self.ids.len() + 1) * NL];
        for k in 0..self.ids.len() {
            for l in 0..NL {
                rows[(k + 1) * NL + l] = self.weight(k, l);
            }
        }
        rows
    }

    /// Non-zero weight rows.
    pub(crate) fn nonzero_rows(&self) -> usize {
        self.ids.len()
    }
}

/// Which of the `1 << bits` feature rows have weights, and each one's
/// place among them: a bitmap with a running count per 64 rows. It stands
/// in for an index of a `u32` per row (4 MB at 20 bits, read at random and
/// mostly missed in cache) with 16 bytes per 64 rows, which stay in L2.
struct RowIndex {
    blocks: Vec<Block>,
}

/// 64 rows of a [`RowIndex`]: which have weights, and how many before them.
#[derive(Clone, Copy, Default)]
#[repr(C, align(16))]
struct Block {
    bits: u64,
    before: u32,
}

impl RowIndex {
    /// From the rows with weights (ascending) among `nrows`.
    fn new(nrows: usize, ids: &[u32]) -> RowIndex {
        let mut blocks = vec![Block::default(); nrows.div_ceil(64)];
        for &id in ids {
            blocks[id as usize >> 6].bits |= 1 << (id & 63);
        }
        let mut count = 0;
        for b in &mut blocks {
            b.before = count;
            count += b.bits.count_ones();
        }
        RowIndex { blocks }
    }

    /// 1 + the number of rows with weights before `f` when `f` has
    /// weights, else 0 (the all-zero row); as `Stage::index` numbers them.
    #[inline]
    fn get(&self, f: u32) -> u32 {
        let b = self.blocks[(f >> 6) as usize];
        let bit = f & 63;
        let below = b.bits & ((1u64 << bit) - 1);
        let present = ((b.bits >> bit) & 1) as u32;
        (b.before + below.count_ones() + 1) * present
    }
}

/// The weights of the first two stages side by side, for tagging: row `k`
/// holds stage one's 17 weights, then stage two's, so one lookup and one
/// contiguous read serve both stages (stage two scores every stage-one
/// feature again, and integer sums do not depend on the order).
pub(crate) struct Joint {
    index: RowIndex,
    /// `width * NL` weights per row; row 0 is all zeros.
    rows: Vec<i16>,
    /// Stages held: 1 or 2.
    width: usize,
    scale: [f32; 2],
}

/// One stage's transition and start scores, for decoding.
pub(crate) struct Decoder {
    trans: [[f32; NL]; NL],
    start: [f32; NL],
    /// The allowed transitions alone, when the forbidden ones are all
    /// [`NEG`] (as [`Stage::quantize`] writes them).
    bilou: Option<Bilou>,
}

impl Decoder {
    fn new(trans: [[f32; NL]; NL], start: [f32; NL]) -> Decoder {
        Decoder {
            trans,
            start,
            bilou: Bilou::new(&trans, &start),
        }
    }

    /// Best label sequence for the emissions, with no label but `O` at
    /// the `settled` tokens (as many as the tokens, or empty for none),
    /// whatever `em` holds there; `back` is scratch space. When the
    /// scores would put `O` there anyway, the best path is the one they
    /// give.
    pub(crate) fn viterbi_settled(
        &self,
        em: &[f32],
        settled: &[bool],
        labels: &mut Vec<u8>,
        back: &mut Vec<[u8; NL]>,
    ) {
        match &self.bilou {
            Some(b) => b.viterbi(em, settled, &self.start, labels, back),
            None if settled.contains(&true) => {
                let mut em = em.to_vec();
                only_o_at(&mut em, settled);
                viterbi_with(&em, &self.trans, &self.start, labels, back)
            }
            None => viterbi_with(em, &self.trans, &self.start, labels, back),
        }
    }
}

/// Labels that close a chunk or stand outside one (`O`, `L-*`, `U-*`):
/// the only ones after which `O`, `B-*` or `U-*` may come.
const CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
/// Labels that may follow a closed one: `O`, `B-*`, `U-*`.
const OPENING: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];
/// Lanes of the closed-to-opening step, padded to whole SIMD vectors.
const LANES: usize = 12;

/// Viterbi over the 97 allowed BILOU transitions instead of all 289:
/// `O`, `B-t` and `U-t` follow one of the 9 [`CLOSED`] labels; `I-t` and
/// `L-t` follow `B-t` or `I-t`. Forbidden transitions score [`NEG`], so
/// the best path never takes one (every label has an allowed predecessor
/// with a finite score after the first token); trying the allowed
/// predecessors in ascending order with a strict `>` keeps the same first
/// best as [`viterbi_with`], so the labels are the same.
struct Bilou {
    /// `closed[i][j]`: from `CLOSED[i]` to `OPENING[j]`; padding lanes NEG.
    closed: [[f32; LANES]; 9],
    /// Per type: `[B->I, I->I, B->L, I->L]`.
    inner: [[f32; 4]; 4],
}

impl Bilou {
    /// `None` unless exactly the forbidden transitions and starts are NEG.
    fn new(trans: &[[f32; NL]; NL], start: &[f32; NL]) -> Option<Bilou> {
        for a in 0..NL {
            for b in 0..NL {
                if allowed(Some(a), b) == (trans[a][b] == NEG) {
                    return None;
                }
            }
            if allowed(None, a) == (start[a] == NEG) {
                return None;
            }
        }
        let mut closed = [[NEG; LANES]; 9];
        for (i, &a) in CLOSED.iter().enumerate() {
            for (j, &b) in OPENING.iter().enumerate() {
                closed[i][j] = trans[a][b];
            }
        }
        let mut inner = [[0f32; 4]; 4];
        for (ty, row) in inner.iter_mut().enumerate() {
            let (b, i, l) = (1 + 4 * ty, 2 + 4 * ty, 3 + 4 * ty);
            *row = [trans[b][i], trans[i][i], trans[b][l], trans[i][l]];
        }
        Some(Bilou { closed, inner })
    }

    /// [`viterbi_with`] over the allowed transitions, and at a `settled`
    /// token over the closed labels to `O` alone (scored 0 there): the
    /// other labels are left at [`NEG`] * 4 there, below any path that
    /// keeps to the allowed transitions and labels.
    fn viterbi(
        &self,
        em: &[f32],
        settled: &[bool],
        start: &[f32; NL],
        labels: &mut Vec<u8>,
        back: &mut Vec<[u8; NL]>,
    ) {
        let Some((n, mut score)) = viterbi_start(em, start, labels, back) else {
            return;
        };
        let settled_at = |t: usize| settled.get(t) == Some(&true);
        if settled_at(0) {
            score = [NEG * 4.0; NL];
            score[0] = start[0];
        }
        for t in 1..n {
            if settled_at(t) {
                let (mut top, mut who) = (NEG * 4.0, 0);
                for (i, &a) in CLOSED.iter().enumerate() {
                    let s = score[a] + self.closed[i][0];
                    if s > top {
                        top = s;
                        who = a;
                    }
                }
                score = [NEG * 4.0; NL];
                score[0] = top;
                back[t][0] = who as u8;
                continue;
            }
            let mut best = [NEG * 4.0; LANES];
            let mut arg = [0u32; LANES];
            for (i, &a) in CLOSED.iter().enumerate() {
                let sa = score[a];
                let row = &self.closed[i];
                for j in 0..LANES {
                    let s = sa + row[j];
                    if s > best[j] {
                        best[j] = s;
                        arg[j] = a as u32;
                    }
                }
            }
            let e = &em[t * NL..t * NL + NL];
            let step = &mut back[t];
            let mut next = [0f32; NL];
            for (j, &b) in OPENING.iter().enumerate() {
                next[b] = best[j] + e[b];
                step[b] = arg[j] as u8;
            }
            for (ty, tr) in self.inner.iter().enumerate() {
                let (b, i, l) = (1 + 4 * ty, 2 + 4 * ty, 3 + 4 * ty);
                // B before I, each against the NEG * 4 floor, as in full
                for (to, from_b, from_i) in [(i, tr[0], tr[1]), (l, tr[2], tr[3])] {
                    let (mut top, mut who) = (NEG * 4.0, 0usize);
                    let via_b = score[b] + from_b;
                    if via_b > top {
                        top = via_b;
                        who = b;
                    }
                    let via_i = score[i] + from_i;
                    if via_i > top {
                        top = via_i;
                        who = i;
                    }
                    next[to] = top + e[to];
                    step[to] = who as u8;
                }
            }
            score = next;
        }
        finish_path(&score, labels, back);
    }
}

impl Joint {
    /// From the first one or two of `stages` (which all have the same `bits`).
    pub(crate) fn new(stages: &[Stored]) -> Joint {
        let stages = &stages[..stages.len().min(2)];
        let width = stages.len().max(1);
        let nrows = stages.first().map_or(0, |s| 1usize << s.bits);
        // the union of the ascending lists, merged
        let mut ids: Vec<u32> = Vec::new();
        for s in stages {
            let mut merged = Vec::with_capacity(ids.len() + s.ids.len());
            let (mut a, mut b) = (ids.iter().peekable(), s.ids.iter().peekable());
            while let (Some(&&x), Some(&&y)) = (a.peek(), b.peek()) {
                merged.push(x.min(y));
                if x <= y {
                    a.next();
                }
                if y <= x {
                    b.next();
                }
            }
            merged.extend(a.chain(b));
            ids = merged;
        }
        let index = RowIndex::new(nrows, &ids);
        let mut rows = vec![0i16; (ids.len() + 1) * width * NL];
        let mut place = Vec::new();
        for (j, s) in stages.iter().enumerate() {
            // both lists ascend: walk the union alongside
            place.clear();
            let mut k = 0;
            for &id in &s.ids {
                while ids[k] != id {
                    k += 1;
                }
                place.push(k);
            }
            // label by label, as the weights are stored
            for l in 0..NL {
                for (own, &k) in place.iter().enumerate() {
                    rows[((k + 1) * width + j) * NL + l] = s.weight(own, l);
                }
            }
        }
        let mut scale = [0f32; 2];
        for (k, s) in stages.iter().enumerate() {
            scale[k] = s.scale;
        }
        Joint {
            index,
            rows,
            width,
            scale,
        }
    }

    /// Asks for the cache lines of `len` weights from `at` ahead of use
    /// (see [`Joint::each_token`]).
    #[inline(always)]
    fn prefetch(&self, at: usize, len: usize) {
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            let p = self.rows.as_ptr();
            // SAFETY: a prefetch is a hint: it never faults nor changes memory.
            unsafe {
                _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(at).cast());
                _mm_prefetch::<_MM_HINT_T0>(p.wrapping_add(at + len - 1).cast());
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (at, len);
    }

    /// Decoders of the stages, in order.
    pub(crate) fn decoders(stages: &[Stored]) -> Vec<Decoder> {
        stages
            .iter()
            .map(|s| Decoder::new(s.trans, s.start))
            .collect()
    }

    /// Fills `at` with the table row of each feature of `feats`.
    fn find_rows(&self, feats: &SentFeatures, at: &mut Vec<u32>) {
        at.clear();
        at.extend(feats.rows.iter().map(|&f| self.index.get(f)));
    }

    /// For each token `t` of `feats`, in order: `W` weights from `offset`
    /// of each of its rows (`at`, from [`Joint::find_rows`]) summed onto
    /// `init(t)`, handed to `done`. The next token's rows are prefetched
    /// while this one's are summed: rows are read at random from megabytes
    /// of weights, and one token's worth already keeps the memory busy
    /// (a whole sentence's worth ahead was slower: the first ones left
    /// the cache before they were read).
    fn each_token<'b, const W: usize>(
        &self,
        feats: &SentFeatures,
        at: &[u32],
        offset: usize,
        init: impl Fn(usize) -> &'b [i32; W],
        mut done: impl FnMut(&[i32; W]),
    ) {
        let w = self.width * NL;
        let rows_of = |t: usize| &at[feats.starts[t] as usize..feats.starts[t + 1] as usize];
        let ahead = |t: usize| {
            for &i in rows_of(t) {
                self.prefetch(i as usize * w + offset, W);
            }
        };
        let n = feats.len();
        if n > 0 {
            ahead(0);
        }
        // (sums handed by reference: a copy of 34 of them was a call to memcpy)
        let mut acc = [0; W];
        for t in 0..n {
            if t + 1 < n {
                ahead(t + 1);
            }
            add_rows(&self.rows, rows_of(t), w, offset, init(t), &mut acc);
            done(&acc);
        }
    }

    /// Appends both stages' sums over each token's rows in `feats` (stage
    /// two's zero when the model has one stage) to `out`; `at` is scratch.
    pub(crate) fn sums(
        &self,
        feats: &SentFeatures,
        out: &mut Vec<[i32; 2 * NL]>,
        at: &mut Vec<u32>,
    ) {
        self.find_rows(feats, at);
        if self.width == 2 {
            self.each_token(feats, at, 0, |_| &[0; 2 * NL], |acc| out.push(*acc));
        } else {
            self.each_token(
                feats,
                at,
                0,
                |_| &[0; NL],
                |one| {
                    let mut acc = [0; 2 * NL];
                    acc[..NL].copy_from_slice(one);
                    out.push(acc);
                },
            );
        }
    }

    /// Stage-one label scores of every token (`em[t * NL + l]`), as
    /// [`Stage::emissions`] gives them, over its rows in `feats` plus
    /// `base(t)` (both stages' sums over rows it has already, as
    /// [`Joint::sums`] gives them); with `second`, also appends each
    /// token's stage-two sums over the same rows (needs both stages).
    /// `at` is scratch space.
    pub(crate) fn first<'b>(
        &self,
        feats: &SentFeatures,
        base: impl Fn(usize) -> &'b [i32; 2 * NL],
        em: &mut Vec<f32>,
        second: Option<&mut Vec<[i32; NL]>>,
        at: &mut Vec<u32>,
    ) {
        em.clear();
        em.reserve(feats.len() * NL);
        self.find_rows(feats, at);
        let scale = self.scale[0];
        match second {
            Some(second) if self.width == 2 => {
                second.reserve(feats.len());
                self.each_token(feats, at, 0, base, |acc| {
                    em.extend(acc[..NL].iter().map(|&a| a as f32 * scale));
                    let mut two = [0i32; NL];
                    two.copy_from_slice(&acc[NL..]);
                    second.push(two);
                });
            }
            _ => {
                let base =
                    |t| -> &[i32; NL] { base(t)[..NL].try_into().expect("two stages' sums") };
                self.each_token(feats, at, 0, base, |acc| {
                    em.extend(acc.iter().map(|&a| a as f32 * scale));
                });
            }
        }
    }

    /// Appends each token's stage-two sums over its rows in `feats` plus
    /// `base(t)`'s stage-two half: what [`Joint::first`] appends to
    /// `second` for the same features. `at` is scratch.
    pub(crate) fn second_sums<'b>(
        &self,
        feats: &SentFeatures,
        base: impl Fn(usize) -> &'b [i32; 2 * NL],
        out: &mut Vec<[i32; NL]>,
        at: &mut Vec<u32>,
    ) {
        self.find_rows(feats, at);
        out.reserve(feats.len());
        let base = |t| -> &[i32; NL] { base(t)[NL..].try_into().expect("two stages' sums") };
        self.each_token(feats, at, NL, base, |acc| out.push(*acc));
    }

    /// Stage-two label scores: each token's sums from [`Joint::first`]
    /// (`partial`) plus its rows in `feats` (the document features).
    pub(crate) fn second(
        &self,
        feats: &SentFeatures,
        partial: &[[i32; NL]],
        em: &mut Vec<f32>,
        at: &mut Vec<u32>,
    ) {
        em.clear();
        em.reserve(feats.len() * NL);
        self.find_rows(feats, at);
        let scale = self.scale[1];
        self.each_token(
            feats,
            at,
            NL,
            |t| &partial[t],
            |acc| {
                em.extend(acc.iter().map(|&a| a as f32 * scale));
            },
        );
    }
}

/// Sets `acc` to `base` plus the weights `rows[r * stride + offset..][..W]`
/// of each row `r` in `at`. Not inlined: on its own the sums stay in
/// registers, where inside the tagger's loop they were kept in memory.
#[inline(never)]
fn add_rows<const W: usize>(
    rows: &[i16],
    at: &[u32],
    stride: usize,
    offset: usize,
    base: &[i32; W],
    acc: &mut [i32; W],
) {
    let mut sum = *base;
    for &r in at {
        let i = r as usize * stride + offset;
        let row: &[i16; W] = rows[i..i + W].try_into().expect("whole rows");
        for l in 0..W {
            sum[l] += i32::from(row[l]);
        }
    }
    *acc = sum;
}

/// Emissions that leave any Viterbi no label but `O` at the `settled`
/// tokens.
fn only_o_at(em: &mut [f32], settled: &[bool]) {
    for (row, _) in em.chunks_exact_mut(NL).zip(settled).filter(|(_, &s)| s) {
        row[0] = 0.0;
        row[1..].fill(NEG);
    }
}

/// Viterbi over `em` (`t * NL + l`) with transitions `trans[from][to]`.
pub(crate) fn viterbi(
    em: &[f32],
    trans: &[[f32; NL]; NL],
    start: &[f32; NL],
    labels: &mut Vec<u8>,
) {
    viterbi_with(em, trans, start, labels, &mut Vec::new());
}

/// [`viterbi`] with scratch space for the back pointers.
fn viterbi_with(
    em: &[f32],
    trans: &[[f32; NL]; NL],
    start: &[f32; NL],
    labels: &mut Vec<u8>,
    back: &mut Vec<[u8; NL]>,
) {
    let Some((n, mut score)) = viterbi_start(em, start, labels, back) else {
        return;
    };
    for t in 1..n {
        // predecessors outermost, so each step works on all labels at once;
        // ascending `a` with a strict `>` keeps the first best, as before
        let mut best = [NEG * 4.0; NL];
        let mut arg = [0u8; NL];
        for a in 0..NL {
            let sa = score[a];
            let row = &trans[a];
            for b in 0..NL {
                let s = sa + row[b];
                if s > best[b] {
                    best[b] = s;
                    arg[b] = a as u8;
                }
            }
        }
        let e = &em[t * NL..t * NL + NL];
        for b in 0..NL {
            score[b] = best[b] + e[b];
        }
        back[t] = arg;
    }
    finish_path(&score, labels, back);
}

/// Both Viterbis' first step: `labels` cleared, one back-pointer entry per
/// token of `em`, and the first token's scores with their count; `None`
/// when there are no tokens.
fn viterbi_start(
    em: &[f32],
    start: &[f32; NL],
    labels: &mut Vec<u8>,
    back: &mut Vec<[u8; NL]>,
) -> Option<(usize, [f32; NL])> {
    labels.clear();
    let n = em.len() / NL;
    if n == 0 {
        return None;
    }
    back.clear();
    back.resize(n, [0; NL]);
    let mut score = [0f32; NL];
    for l in 0..NL {
        score[l] = start[l] + em[l];
    }
    Some((n, score))
}

/// The best final label given the last scores, then the path back to the
/// first token through `back` (one entry per token) into `labels`.
fn finish_path(score: &[f32; NL], labels: &mut Vec<u8>, back: &[[u8; NL]]) {
    let n = back.len();
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0usize;
    for l in 0..NL {
        let s = score[l] + if may_end(l) { 0.0 } else { NEG };
        if s > best {
            best = s;
            arg = l;
        }
    }
    labels.clear();
    labels.resize(n, 0);
    labels[n - 1] = arg as u8;
    for t in (1..n).rev() {
        arg = back[t][arg] as usize;
        labels[t - 1] = arg as u8;
    }
}

/// Chunks of a BILOU label sequence: `(start, end_exclusive, type)`.
pub(crate) fn chunks(labels: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (t, &l) in labels.iter().enumerate() {
        let l = l as usize;
        if l == 0 {
            if let Some((s, ty)) = open.take() {
                out.push((s, t, ty));
            }
            continue;
        }
        let (p, ty) = (pos_of(l), type_of(l));
        match (p, open) {
            (1 | 2, Some((_, oty))) if oty == ty => {
                if p == 2 {
                    let (s, _) = open.take().unwrap_or((t, ty));
                    out.push((s, t + 1, ty));
                }
            }
            _ => {
                if let Some((s, oty)) = open.take() {
                    out.push((s, t, oty));
                }
                if matches!(p, 2 | 3) {
                    out.push((t, t + 1, ty));
                } else {
                    open = Some((t, ty));
                }
            }
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, labels.len(), ty));
    }
    out
}

/// BILOU labels for chunks over `n` tokens.
pub(crate) fn labels_of(n: usize, chunks: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut out = vec![0u8; n];
    for &(s, e, ty) in chunks {
        let base = 1 + 4 * ty;
        if e == s + 1 {
            out[s] = (base + 3) as u8;
        } else {
            for (k, slot) in out[s..e].iter_mut().enumerate() {
                *slot = (base
                    + if k == 0 {
                        0
                    } else if s + k + 1 == e {
                        2
                    } else {
                        1
                    }) as u8;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    type Case = (&'static str, usize, &'static [(usize, usize, usize)]);

    #[test]
    fn chunks_round_trip_through_labels() {
        let cases: &[Case] = &[
            ("empty", 0, &[]),
            ("single", 3, &[(1, 2, 2)]),
            ("adjacent", 5, &[(0, 2, 0), (2, 3, 1), (3, 5, 3)]),
            ("long", 6, &[(1, 5, 1)]),
        ];
        for (name, n, want) in cases {
            let labels = labels_of(*n, want);
            assert_eq!(chunks(&labels), *want, "case {name}: {labels:?}");
            let mut prev = None;
            for &l in &labels {
                assert!(allowed(prev, l as usize), "case {name}: {labels:?}");
                prev = Some(l as usize);
            }
            assert!(prev.is_none_or(may_end), "case {name}");
        }
    }

    #[test]
    fn viterbi_respects_constraints() {
        // emissions prefer I-PER everywhere, which is never valid alone
        let mut em = vec![0f32; 3 * NL];
        for t in 0..3 {
            em[t * NL + 2] = 5.0;
        }
        let stage = Stage::quantize(8, &vec![0.0; 256 * NL], &[0.0; NL * NL], &[0.0; NL], 0.0);
        let mut labels = Vec::new();
        stage.viterbi(&em, &mut labels, &mut Vec::new());
        assert_eq!(chunks(&labels), vec![(0, 3, 0)], "{labels:?}");
    }

    #[test]
    fn bilou_viterbi_matches_the_full_one() {
        // xorshift64*, deterministic
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11
        };
        for case in 0..400 {
            // small integers in half the cases, so that ties are common
            let ties = case % 2 == 0;
            let mut value = |spread: f32| {
                let r = next();
                if ties {
                    (r % 3) as f32
                } else {
                    (r as f32 / (1u64 << 53) as f32 - 0.5) * spread
                }
            };
            let trans: Vec<f32> = (0..NL * NL).map(|_| value(8.0)).collect();
            let start: Vec<f32> = (0..NL).map(|_| value(8.0)).collect();
            let stage = Stage::quantize(8, &vec![0.0; 256 * NL], &trans, &start, 0.0);
            let decoder = Decoder::new(stage.trans, stage.start);
            assert!(decoder.bilou.is_some(), "case {case}");
            let n = case % 37;
            let mut em: Vec<f32> = (0..n * NL).map(|_| value(40.0)).collect();
            let (mut fast, mut full) = (Vec::new(), Vec::new());
            decoder.viterbi_settled(&em, &[], &mut fast, &mut Vec::new());
            viterbi(&em, &stage.trans, &stage.start, &mut full);
            assert_eq!(fast, full, "case {case}");
            // settled tokens: the same path as their emissions set to `O` only
            let settled: Vec<bool> = (0..n).map(|_| next() % 3 == 0).collect();
            decoder.viterbi_settled(&em, &settled, &mut fast, &mut Vec::new());
            only_o_at(&mut em, &settled);
            viterbi(&em, &stage.trans, &stage.start, &mut full);
            assert_eq!(fast, full, "case {case}, settled {settled:?}");
            assert!(fast.iter().zip(&settled).all(|(&l, &s)| !s || l == 0));
        }
    }

    #[test]
    fn decoders_without_the_bilou_mask_decode_in_full() {
        let mut stage = Stage::quantize(8, &vec![0.0; 256 * NL], &[0.5; NL * NL], &[0.25; NL], 0.0);
        assert!(Decoder::new(stage.trans, stage.start).bilou.is_some());
        stage.trans[2][0] = 1.0;
        let decoder = Decoder::new(stage.trans, stage.start);
        assert!(decoder.bilou.is_none());
        // and keep to `O` at settled tokens, though the emissions prefer U-ORG
        let mut em = vec![0f32; 4 * NL];
        for row in em.chunks_exact_mut(NL) {
            row[8] = 3.0;
        }
        let mut labels = Vec::new();
        decoder.viterbi_settled(&em, &[], &mut labels, &mut Vec::new());
        assert!(!labels.contains(&0), "{labels:?}");
        decoder.viterbi_settled(
            &em,
            &[false, true, false, true],
            &mut labels,
            &mut Vec::new(),
        );
        assert_eq!(labels, [8, 0, 8, 0]);
    }

    #[test]
    fn joint_scores_match_each_stage_alone() {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11
        };
        // two stages over 256 rows, each with weights in some rows only
        let mut stages = Vec::new();
        for _ in 0..2 {
            let mut w = vec![0f32; 256 * NL];
            for row in w.chunks_mut(NL) {
                if next() % 3 == 0 {
                    for x in row {
                        *x = (next() % 2001) as f32 / 100.0 - 10.0;
                    }
                }
            }
            stages.push(Stage::quantize(8, &w, &[0.0; NL * NL], &[0.0; NL], 0.0));
        }
        let files: Vec<Vec<u8>> = stages
            .iter()
            .map(|s| {
                let mut out = Writer::default();
                s.write(&mut out);
                out.buf
            })
            .collect();
        let stored: Vec<Stored> = files
            .iter()
            .map(|f| Stored::read(&mut Reader::new(f)).expect("decodes"))
            .collect();
        // tokens of 0 to 29 rows, some rows twice
        let mut feats = SentFeatures::default();
        feats.clear();
        for _ in 0..40 {
            for _ in 0..next() % 30 {
                feats.rows.push((next() % 256) as u32);
            }
            feats.starts.push(feats.rows.len() as u32);
        }
        let (mut want, mut at) = (Vec::new(), Vec::new());
        let none = |_| &[0; 2 * NL];
        for k in 1..=2 {
            let joint = Joint::new(&stored[..k]);
            let (mut em, mut partial) = (Vec::new(), Vec::new());
            joint.first(&feats, none, &mut em, Some(&mut partial), &mut at);
            stages[0].emissions(&feats, &mut want, &mut at);
            assert_eq!(em, want, "{k} stages");
            if k == 2 {
                // stage two over no rows of its own: its sums over stage one's
                let mut empty = SentFeatures::default();
                empty.clear();
                empty.starts.resize(feats.starts.len(), 0);
                joint.second(&empty, &partial, &mut em, &mut at);
                stages[1].emissions(&feats, &mut want, &mut at);
                assert_eq!(em, want);
                // and over rows of its own alone
                joint.second(&feats, &vec![[0; NL]; feats.len()], &mut em, &mut at);
                assert_eq!(em, want);
            }
        }
    }

    #[test]
    fn stage_bytes_round_trip() {
        let mut w = vec![0f32; 256 * NL];
        w[5 * NL + 3] = 1.5;
        w[200 * NL + 16] = -0.25;
        let stage = Stage::quantize(8, &w, &[0.5; NL * NL], &[0.25; NL], 0.0);
        let mut out = Writer::default();
        stage.write(&mut out);
        let back = Stage::read(&mut Reader::new(&out.buf)).expect("decodes");
        let mut again = Writer::default();
        back.write(&mut again);
        assert_eq!(out.buf, again.buf);
        assert_eq!(back.nonzero_rows(), 2);
    }
}
