"""Session 28: can the Lucene rules themselves learn from the training part? (issue 16; see README.md here)

Candidate queries are probed one at a time: each becomes a topic of its own ("q<N>-<topic>") beside the shipped
general topics, and `evaluate --show-errors` then lists every turn it matches as an "extra" tag. A query is kept
when, on the turns the shipped rules did not already give its topic, at least MINP of its matches carry the topic
in the gold labels and at least MINA do. The choice of MINP is cross-validated over the training calls (5 folds by
call): queries are chosen on four folds and scored on the fifth.

  python3 rules_from_train.py probe TERMS.tsv OUT.taxonomy      # TERMS: "topic<TAB>query" lines
  python3 rules_from_train.py cv    TEMPLATES BASE.txt PROBE.txt TERMS.tsv
  python3 rules_from_train.py select TEMPLATES BASE.txt PROBE.txt TERMS.tsv MINP MINA
  python3 rules_from_train.py build ADD.tsv OUT.taxonomy        # ADD: "topic<TAB>query", appended to the topic

TEMPLATES is a folder of `evaluate --template` files (ID.jsonl, the pipeline's FINAL turns with their text), BASE.txt
the shipped rules' `evaluate --gold dev/train --corpus ../shared/data --show-errors` output and PROBE.txt the same
with `--taxonomy` the probe file.
"""
import collections, hashlib, json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEV = os.path.normpath(os.path.join(HERE, '..', '..'))
ROOT = os.path.normpath(os.path.join(DEV, *(['..'] * 9)))
GENERAL = os.path.join(ROOT, 'enrich/src/main/resources/io/callstream/enrich/tags/general.taxonomy')
ERROR_LINE = re.compile(r'(\d+)-\S+ turn (\d+): missed \[(.*?)\], extra \[(.*?)\]')


def read_terms(path):
    return [l.rstrip('\n').split('\t') for l in open(path) if l.strip() and not l.startswith('#')]


def load_train(templates, base_errors):
    """The training part's turns: gold topics, and the shipped rules' topics rebuilt from the listed differences."""
    turns = {}
    train = os.path.join(DEV, 'train')
    for name in sorted(os.listdir(train)):
        if not name.endswith('.gold.jsonl'):
            continue
        call = name[:-len('.gold.jsonl')]
        text = [json.loads(l) for l in open(os.path.join(templates, call + '.jsonl'))]
        gold = [json.loads(l) for l in open(os.path.join(train, name))]
        assert len(text) == len(gold), call
        for t, g in zip(text, gold):
            assert hashlib.sha256(t['text'].encode()).hexdigest() == g['textSha256'], (call, t['turnIndex'])
            turns[(call.split('_')[0], t['turnIndex'])] = dict(gold=set(g['topics']), rules=set(g['topics']))
    for line in open(base_errors):
        m = ERROR_LINE.match(line)
        if m and (m.group(1), int(m.group(2))) in turns:
            t = turns[(m.group(1), int(m.group(2)))]
            missed = {x.strip() for x in m.group(3).split(',') if x.strip()}
            extra = {x.strip() for x in m.group(4).split(',') if x.strip()}
            t['rules'] = (t['gold'] - missed) | extra
    return turns


def probe_matches(probe_errors):
    matches = collections.defaultdict(set)
    for line in open(probe_errors):
        m = ERROR_LINE.match(line)
        if m:
            for tag in (x.strip() for x in m.group(4).split(',')):
                if re.match(r'q\d+-', tag):
                    matches[tag].add((m.group(1), int(m.group(2))))
    return matches


def new_hits(turns, topic, matched, skip_calls=()):
    """Matches on turns the rules left without the topic: (with the topic in gold, without)."""
    hit = miss = 0
    for key in matched:
        t = turns[key]
        if key[0] in skip_calls or topic in t['rules']:
            continue
        if topic in t['gold']:
            hit += 1
        else:
            miss += 1
    return hit, miss


def chosen(turns, terms, matches, minp, mina, skip_calls=()):
    for i, (topic, _) in enumerate(terms):
        matched = matches.get(f'q{i}-{topic}', set())
        hit, miss = new_hits(turns, topic, matched, skip_calls)
        if hit + miss and hit / (hit + miss) >= minp and hit >= mina:
            yield i, topic, matched, hit, miss


def cv(turns, terms, matches, folds=5):
    calls = sorted({k[0] for k in turns})
    for mina in (3, 5, 8):
        for minp in (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 1.1):
            tp = gold = tags = 0
            for f in range(folds):
                test = {c for i, c in enumerate(calls) if i % folds == f}
                pred = {k: set(t['rules']) for k, t in turns.items() if k[0] in test}
                for _, topic, matched, _, _ in chosen(turns, terms, matches, minp, mina, skip_calls=test):
                    for k in matched & pred.keys():
                        pred[k].add(topic)
                for k, p in pred.items():
                    g = turns[k]['gold']
                    tp += len(g & p); gold += len(g); tags += len(p)
            print(f'min hits {mina} min precision {minp}: precision {tp / tags:.3f} recall {tp / gold:.3f} '
                  f'micro-F1 {2 * tp / (gold + tags):.3f}')


def probe(terms, out):
    parts = [open(GENERAL).read()]
    for i, (topic, query) in enumerate(terms):
        parts.append(f'topic: q{i}-{topic}\nlabel: probe {i}\nquery: {query}\n')
    open(out, 'w').write('\n'.join(parts))


def build(additions, out):
    add = collections.defaultdict(list)
    for topic, query in additions:
        add[topic].append(query)
    lines, current = [], None
    for line in open(GENERAL).read().split('\n'):
        if line.startswith('topic: '):
            current = line.split(': ', 1)[1]
        if not line.strip() and add.get(current):
            lines += ['query: ' + q for q in add.pop(current)]
        lines.append(line)
    lines += ['query: ' + q for q in add.pop(current, [])]
    open(out, 'w').write('\n'.join(lines))


if __name__ == '__main__':
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == 'probe':
        probe(read_terms(args[0]), args[1])
    elif cmd == 'build':
        build(read_terms(args[0]), args[1])
    else:
        turns = load_train(args[0], args[1])
        matches, terms = probe_matches(args[2]), read_terms(args[3])
        if cmd == 'cv':
            cv(turns, terms, matches)
        else:
            for i, topic, _, hit, miss in chosen(turns, terms, matches, float(args[4]), int(args[5])):
                print(f'{topic}\t{terms[i][1]}\t{hit}\t{miss}\t{hit / (hit + miss):.2f}')
