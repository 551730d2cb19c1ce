import json, numpy as np, collections
TOPICS=["guidance","production-ramp","demand","margins","cash-burn","capital-raise","capex","financing","opex","working-capital","supply-chain","regulation","labor","management","m-and-a","competition","technology"]
TI={t:i for i,t in enumerate(TOPICS)}
def load(prefix='/tmp/exp/dev'):
    rows=[json.loads(l) for l in open(prefix+'.jsonl')]
    E=np.fromfile(prefix+'.f32',dtype='>f4').reshape(-1,384).astype(np.float32)
    return rows,E
def micro(pred,gold):
    h=t=l=0
    for p,g in zip(pred,gold):
        g=set(g)&set(TOPICS); p=set(p)&set(TOPICS)
        h+=len(p&g); t+=len(p); l+=len(g)
    P=h/t if t else 0; R=h/l if l else 0
    return (2*P*R/(P+R) if P+R else 0),P,R
def pertopic(pred,gold):
    c=collections.defaultdict(lambda:[0,0,0])
    for p,g in zip(pred,gold):
        for x in p: c[x][1]+=1
        for x in g: c[x][2]+=1
        for x in set(p)&set(g): c[x][0]+=1
    for k in TOPICS:
        h,t,l=c[k]; P=h/t if t else 0; R=h/l if l else 0
        print(f"{k:16s} gold {l:4d} tag {t:4d} hit {h:4d} P {P:.2f} R {R:.2f} F {2*P*R/(P+R) if P+R else 0:.2f}")
