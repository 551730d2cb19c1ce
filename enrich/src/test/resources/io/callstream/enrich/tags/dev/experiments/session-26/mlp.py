import sys; sys.path.insert(0,'/tmp/exp')
from lib import *
rows,E=load()
tr=[r for r in rows if r['part']=='train']; va=[r for r in rows if r['part']=='validation']; te=[r for r in rows if r['part']=='tesla']
idx=[];Y=[];K=[]
for r in tr:
    for s in r['sentences']:
        idx.append(s['id']); Y.append([t in s['carries'] for t in TOPICS]); K.append([(t not in r['gold']) or (t in s['carries']) for t in TOPICS])
X=E[idx].astype(np.float32); Y=np.array(Y,np.float32); K=np.array(K,np.float32)
pos=(Y*K).sum(0); neg=K.sum(0)-pos; PW=(neg/np.maximum(pos,1))**0.5
rng=np.random.default_rng(7)
def train(H=256,epochs=60,lr=1e-3,wd=1e-4,drop=0.2):
    d=X.shape[1]; W1=rng.normal(0,1/np.sqrt(d),(d,H)).astype(np.float32); b1=np.zeros(H,np.float32)
    W2=rng.normal(0,1/np.sqrt(H),(H,17)).astype(np.float32); b2=np.zeros(17,np.float32)
    params=[W1,b1,W2,b2]; m=[np.zeros_like(p) for p in params]; v=[np.zeros_like(p) for p in params]; t=0
    n=len(X)
    for ep in range(epochs):
        perm=rng.permutation(n)
        for i in range(0,n,128):
            bi=perm[i:i+128]; x=X[bi]; y=Y[bi]; k=K[bi]
            h=x@W1+b1; a=np.maximum(h,0); mask=(rng.random(a.shape)>drop)/(1-drop); a2=a*mask
            z=a2@W2+b2; p=1/(1+np.exp(-z)); w=k*np.where(y>0,PW,1)
            g=(p-y)*w/len(bi)
            gW2=a2.T@g; gb2=g.sum(0); ga=g@W2.T*mask*(h>0); gW1=x.T@ga; gb1=ga.sum(0)
            t+=1
            for P,G,M,V in zip(params,[gW1,gb1,gW2,gb2],m,v):
                M*=0.9; M+=0.1*G; V*=0.999; V+=0.001*G*G
                P-=lr*(M/(1-0.9**t))/(np.sqrt(V/(1-0.999**t))+1e-8)+lr*wd*P
    return params
def scores(rs,params):
    W1,b1,W2,b2=params; ids=[s['id'] for r in rs for s in r['sentences']]
    return 1/(1+np.exp(-(np.maximum(E[ids]@W1+b1,0)@W2+b2)))
for H,ep in [(256,20),(512,40)]:
    params=train(H,ep); Sva=scores(va,params); Ste=scores(te,params)
    for thr in [0.5,0.7,0.8,0.9]:
        print(H,ep,thr,'val %.3f P %.2f R %.2f'%micro(turn_pred(va,Sva,thr),[r['gold'] for r in va]),'tesla %.3f P %.2f R %.2f'%micro(turn_pred(te,Ste,thr),[r['gold'] for r in te]))
