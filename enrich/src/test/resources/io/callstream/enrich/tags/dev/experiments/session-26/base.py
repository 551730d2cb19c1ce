import sys; sys.path.insert(0,'/tmp/exp')
from lib import *
rows,E=load()
def train(rows_tr):
    idx=[];Y=[];K=[]
    for r in rows_tr:
        for s in r['sentences']:
            idx.append(s['id'])
            Y.append([t in s['carries'] for t in TOPICS])
            K.append([(t not in r['gold']) or (t in s['carries']) for t in TOPICS])
    X=E[idx].astype(np.float64); Y=np.array(Y,float); K=np.array(K,bool)
    Ws=[]
    for j,t in enumerate(TOPICS):
        k=K[:,j]; y=Y[k,j]; pos=y.sum(); neg=len(y)-pos
        pw=(neg/max(pos,1))**0.5
        w=np.where(y>0,pw,1.0)
        Ws.append(fit_lr(X[k],y,w))
    return Ws
def predict(rows_te,Ws,thr,use_rules=True):
    preds=[]
    for r in rows_te:
        p=set(r['rules'])&set(TOPICS) if use_rules else set()
        ids=[s['id'] for s in r['sentences'] if not s['safe']]
        if ids:
            X=E[ids].astype(np.float64)
            for j,t in enumerate(TOPICS):
                W,b=Ws[j]; sc=1/(1+np.exp(-(X@W+b)))
                if sc.max()>=thr: p.add(t)
        preds.append(p)
    return preds
tr=[r for r in rows if r['part']=='train']; va=[r for r in rows if r['part']=='validation']; te=[r for r in rows if r['part']=='tesla']
Ws=train(tr)
for thr in [0.5,0.6,0.7,0.8,0.9]:
    print(thr,'val',micro(predict(va,Ws,thr),[r['gold'] for r in va]),'tesla',micro(predict(te,Ws,thr),[r['gold'] for r in te]))
print('rules only val',micro([set(r['rules']) for r in va],[r['gold'] for r in va]),'tesla',micro([set(r['rules']) for r in te],[r['gold'] for r in te]))
