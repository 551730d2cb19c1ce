import sys,re; sys.path.insert(0,'/tmp/exp')
from lib import *
rows,E=load()
tr=[r for r in rows if r['part']=='train']; va=[r for r in rows if r['part']=='validation']; te=[r for r in rows if r['part']=='tesla']
def sent_train(rs):
    idx=[];Y=[];K=[]
    for r in rs:
        for s in r['sentences']:
            idx.append(s['id']); Y.append([t in s['carries'] for t in TOPICS]); K.append([(t not in r['gold']) or (t in s['carries']) for t in TOPICS])
    X=E[idx].astype(np.float64); Y=np.array(Y,float); K=np.array(K,bool); Ws=[]
    for j in range(len(TOPICS)):
        k=K[:,j]; y=Y[k,j]; pos=y.sum(); neg=len(y)-pos; w=np.where(y>0,(neg/max(pos,1))**0.5,1.0)
        Ws.append(fit_lr(X[k],y,w))
    return np.array([w for w,b in Ws]).T, np.array([b for w,b in Ws])
def turn_feats(r,W,b):
    ids=[s['id'] for s in r['sentences'] if not s['safe']]
    rules=np.array([t in r['rules'] for t in TOPICS],float)
    if not ids: return np.concatenate([np.zeros(17),rules,np.zeros(384),[0,0]])
    X=E[ids].astype(np.float64); sc=1/(1+np.exp(-(X@W+b)))
    return np.concatenate([sc.max(0),rules,X.mean(0),[np.log1p(len(ids)), 1.0 if r['role']=='ANALYST' else 0.0]])
# cross-fitted sentence scores for train turns (5 folds by call)
calls=sorted(set(r['call'] for r in tr)); F={}
for f in range(5):
    out=set(calls[f::5]); W,b=sent_train([r for r in tr if r['call'] not in out])
    for r in tr:
        if r['call'] in out: F[(r['call'],r['turn'])]=turn_feats(r,W,b)
W,b=sent_train(tr)
Xtr=np.array([F[(r['call'],r['turn'])] for r in tr]); Xva=np.array([turn_feats(r,W,b) for r in va]); Xte=np.array([turn_feats(r,W,b) for r in te])
Ytr=np.array([[t in r['gold'] for t in TOPICS] for r in tr],float)
def turn_model(Xtr,cols,l2=1e-3):
    Ms=[]
    for j in range(17):
        X=Xtr[:,cols(j)]; y=Ytr[:,j]; pos=y.sum(); neg=len(y)-pos
        Ms.append(fit_lr(X,y,np.where(y>0,(neg/max(pos,1))**0.5,1.0),l2=l2,lr=1.0,epochs=1500))
    return Ms
def tpred(Ms,X,cols,thr):
    out=[]
    for i in range(len(X)):
        p=set()
        for j in range(17):
            W,b=Ms[j]; z=X[i,cols(j)]@W+b
            if 1/(1+np.exp(-z))>=thr: p.add(TOPICS[j])
        out.append(p)
    return out
variants={
 'maxonly+rule_j': lambda j:[j,17+j],
 'max17+rules17': lambda j:list(range(34)),
 'max17+rules17+mean': lambda j:list(range(34+384)),
 'all': lambda j:list(range(34+384+2)),
}
for name,cols in variants.items():
    Ms=turn_model(Xtr,cols)
    for thr in [0.5,0.6,0.7]:
        print(name,thr,'val %.3f P %.2f R %.2f'%micro(tpred(Ms,Xva,cols,thr),[r['gold'] for r in va]),'tesla %.3f P %.2f R %.2f'%micro(tpred(Ms,Xte,cols,thr),[r['gold'] for r in te]))
