import json, numpy as np, os
exec(open('onnxw.py').read().split("print(len(inits)")[0].replace("sys.argv[1]","'all-minilm-l6-v2.onnx'"))
os.makedirs('w',exist_ok=True)
def arr(name):
    d,dt,raw=inits[name]; assert dt==1; return np.frombuffer(raw,dtype='<f4').reshape(d)
out={}
# map MatMul weight -> bias name through the Add that consumes the MatMul output
prod={o:n for n in nodes for o in n[3]}
cons={}
for n in nodes:
    for i in n[2]: cons.setdefault(i,[]).append(n)
for op,nm,ins,outs in nodes:
    if op=='MatMul':
        w=[i for i in ins if i in inits]
        if not w: continue
        adds=[c for c in cons.get(outs[0],[]) if c[0]=='Add']
        bias=[i for a in adds for i in a[2] if i in inits]
        assert len(bias)==1,(nm,bias)
        out[bias[0].replace('.bias','.weight')]=arr(w[0])
for k in inits:
    if k.startswith('embeddings.') and k!='embeddings.position_ids' or k.endswith('.bias') or 'LayerNorm' in k:
        out[k]=arr(k)
idx={}
for k,v in out.items():
    v.astype('<f4').tofile(f'w/{k}.bin'); idx[k]=list(v.shape)
json.dump(idx,open('w/index.json','w'),indent=0)
print(len(idx)); print([k for k in idx if 'layer.0.' in k])
