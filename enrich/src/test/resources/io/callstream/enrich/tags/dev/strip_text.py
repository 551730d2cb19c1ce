#!/usr/bin/env python3
"""Turns a labelled gold file (from `callstream evaluate --template`, with each turn's text and quoted evidence) into
the form kept here: the text replaced by its SHA-256 and each quote by its offsets [start, end] into the text, since
the shared corpus's licence terms for this project forbid copying its transcripts into the repository.

usage: strip_text.py LABELLED.jsonl > KEPT.gold.jsonl
"""
import hashlib
import json
import sys

for raw in open(sys.argv[1], encoding="utf-8"):
    if not raw.strip():
        continue
    turn = json.loads(raw)
    text = turn.pop("text")
    kept = {"turnIndex": turn["turnIndex"], "speaker": turn["speaker"],
            "textSha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "topics": sorted(turn["topics"])}
    evidence = {}
    for topic, quotes in sorted(turn.get("evidence", {}).items()):
        spans = []
        for quote in quotes:
            start = text.find(quote)
            if start < 0:
                sys.exit(f"turn {turn['turnIndex']}: evidence for {topic} is not in the text: {quote!r}")
            spans.append([start, start + len(quote)])
        evidence[topic] = spans
    if evidence:
        kept["evidence"] = evidence
    print(json.dumps(kept, ensure_ascii=False, separators=(", ", ": ")))
