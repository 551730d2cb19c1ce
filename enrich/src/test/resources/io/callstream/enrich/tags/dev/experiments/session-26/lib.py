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
def turn_pred(rs,S,thr,rules=True):
    """Each turn's topics: the rules' (unless rules=False) and every topic a non-safe-harbour sentence scores >= thr
    on; S holds a row of 17 scores per sentence, in the turns' order."""
    out=[];k=0
    for r in rs:
        p=set(r['rules'])&set(TOPICS) if rules else set()
        for s in r['sentences']:
            if not s['safe']:
                for j in range(17):
                    if S[k,j]>=thr: p.add(TOPICS[j])
            k+=1
        out.append(p)
    return out
# Logistic regression by full-batch gradient descent from zero, as TopicModelTrainer fits it; w weighs each row.
def fit_lr(X,y,w,l2=1e-4,lr=5.0,epochs=400):
    n,d=X.shape; W=np.zeros(d); b=0.0
    for e in range(epochs):
        z=X@W+b; p=1/(1+np.exp(-z)); err=(p-y)*w
        W-=lr*(X.T@err/n+l2*W); b-=lr*(err.sum()/n+l2*b)
    return W,b
