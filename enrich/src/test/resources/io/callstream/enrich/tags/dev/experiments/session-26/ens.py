import sys; sys.path.insert(0,'/tmp/exp')
exec(open('/tmp/exp/base.py').read().split("tr=[r for r")[0])
tr=[r for r in rows if r['part']=='train']; va=[r for r in rows if r['part']=='validation']; te=[r for r in rows if r['part']=='tesla']
Ws=train(tr)
def escores(rs):
    ids=[s['id'] for r in rs for s in r['sentences']]; X=E[ids].astype(np.float64)
    return np.stack([1/(1+np.exp(-(X@W+b))) for W,b in Ws],1)
Eva=escores(va); Ete=escores(te)
Bva=np.load('/tmp/exp/bow_va_0.0001.npy'); Bte=np.load('/tmp/exp/bow_te_0.0001.npy')
for a in [0.3,0.5,0.7]:
  for thr in [0.5,0.6,0.7,0.8]:
    Sva=a*Eva+(1-a)*Bva; Ste=a*Ete+(1-a)*Bte
    print(a,thr,'val %.3f P %.2f R %.2f'%micro(turn_pred(va,Sva,thr),[r['gold'] for r in va]),'tesla %.3f P %.2f R %.2f'%micro(turn_pred(te,Ste,thr),[r['gold'] for r in te]))
