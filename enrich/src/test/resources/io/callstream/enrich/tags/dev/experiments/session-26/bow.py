import sys,re; sys.path.insert(0,'/tmp/exp')
from lib import *
rows,E=load()
tr=[r for r in rows if r['part']=='train']; va=[r for r in rows if r['part']=='validation']; te=[r for r in rows if r['part']=='tesla']
STOP=set("the a an and or of to in for on at by with is are was were be been it this that we our you i they their as from have has had will would can could so but not do does did there which what about just also very really think know going".split())
def toks(text):
    w=[x for x in re.findall(r"[a-z][a-z0-9&'-]*",text.lower())]
    f=set(x for x in w if x not in STOP)
    f|=set(a+' '+b for a,b in zip(w,w[1:]) if not (a in STOP and b in STOP))
    return f
cnt=collections.Counter()
for r in tr:
    for s in r['sentences']: cnt.update(toks(s['text']))
V={w:i for i,(w,c) in enumerate(x for x in cnt.items() if x[1]>=2)}
print('vocab',len(V))
def sparse(sents):
    R=[];C=[]
    for i,s in enumerate(sents):
        for w in toks(s['text']):
            j=V.get(w)
            if j is not None: R.append(i);C.append(j)
    return np.array(R),np.array(C)
def fit_sparse(R,C,n,y,w,l2,lr=0.5,epochs=300):
    d=len(V); W=np.zeros(d); b=0.0
    # adagrad-ish plain GD
    for e in range(epochs):
        z=np.bincount(R,weights=W[C],minlength=n)+b; p=1/(1+np.exp(-z)); err=(p-y)*w
        g=np.bincount(C,weights=err[R],minlength=d)/n+l2*W
        W-=lr*g*50; b-=lr*err.sum()/n
    return W,b
def sents_of(rs): return [s for r in rs for s in r['sentences']]
trs=sents_of(tr); R,C=sparse(trs); n=len(trs)
Y=np.array([[t in s['carries'] for t in TOPICS] for s in trs],float)
K=np.array([[(t not in r['gold']) or (t in s['carries']) for t in TOPICS] for r in tr for s in r['sentences']],bool)
def predict_scores(rs,Ws):
    ss=[s for r in rs for s in r['sentences']]; R2,C2=sparse(ss); m=len(ss)
    S=np.zeros((m,17))
    for j,(W,b) in enumerate(Ws): S[:,j]=1/(1+np.exp(-(np.bincount(R2,weights=W[C2],minlength=m)+b)))
    return S
for l2 in [1e-4,1e-3]:
    Ws=[]
    for j in range(17):
        k=K[:,j]; mask=k[R]; y=Y[:,j].copy(); pos=(y*k).sum(); neg=k.sum()-pos
        w=np.where(y>0,(neg/max(pos,1))**0.5,1.0)*k
        Ws.append(fit_sparse(R,C,n,y,w,l2))
    Sva=predict_scores(va,Ws); Ste=predict_scores(te,Ws)
    np.save(f'/tmp/exp/bow_va_{l2}.npy',Sva); np.save(f'/tmp/exp/bow_te_{l2}.npy',Ste)
    for thr in [0.5,0.6,0.7,0.8]:
        print(l2,thr,'val %.3f P %.2f R %.2f'%micro(turn_pred(va,Sva,thr),[r['gold'] for r in va]),'tesla %.3f P %.2f R %.2f'%micro(turn_pred(te,Ste,thr),[r['gold'] for r in te]))
