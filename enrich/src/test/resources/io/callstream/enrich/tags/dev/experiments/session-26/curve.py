import sys; sys.path.insert(0,'/tmp/exp')
exec(open('/tmp/exp/base.py').read().split("tr=[r for r")[0])
tr=[r for r in rows if r['part']=='train']; va=[r for r in rows if r['part']=='validation']
calls=sorted(set(r['call'] for r in tr))
for frac in [0.25,0.5,1.0]:
    keep=set(calls[::int(1/frac)]) if frac<1 else set(calls)
    Ws=train([r for r in tr if r['call'] in keep])
    print(frac,len(keep),max((micro(predict(va,Ws,t),[r['gold'] for r in va])[0],t) for t in [0.6,0.7,0.8]))
