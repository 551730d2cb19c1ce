import sys, struct, numpy as np; sys.path.insert(0,'/tmp/exp')
from lib import *
rows,E=load()
ev=[r for r in rows if r['part']!='train']
raw=open(sys.argv[1],'rb').read(); rec=4+17*4
S=[np.frombuffer(raw[i+4:i+rec],dtype='>f4') for i in range(0,len(raw),rec)]
assert len(S)==len(ev),(len(S),len(ev))
for part in ['validation','tesla']:
    idx=[i for i,r in enumerate(ev) if r['part']==part]
    best=[]
    for thr in [0.3,0.4,0.5,0.6,0.7,0.8,0.9]:
        P=[set(ev[i]['rules'])&set(TOPICS) | {TOPICS[j] for j in range(17) if S[i][j]>=thr} for i in idx]
        f=micro(P,[ev[i]['gold'] for i in idx]); best.append((round(f[0],3),thr,round(f[1],2),round(f[2],2)))
    print(part,best)
    P=[{TOPICS[j] for j in range(17) if S[i][j]>=0.5} for i in idx]
    print(' model alone @0.5', [round(x,3) for x in micro(P,[ev[i]['gold'] for i in idx])])
