import sys, struct, numpy as np; sys.path.insert(0,'/tmp/exp')
from lib import *
rows,E=load()
raw=open(sys.argv[1],'rb').read(); rec=4+17*4; S={}
for i in range(0,len(raw),rec):
    sid=struct.unpack('>i',raw[i:i+4])[0]; S[sid]=np.frombuffer(raw[i+4:i+rec],dtype='>f4')
for part in ['validation','tesla']:
    rs=[r for r in rows if r['part']==part]
    best=[]
    for thr in [0.3,0.4,0.5,0.6,0.7,0.8,0.9]:
        P=[]
        for r in rs:
            p=set(r['rules'])&set(TOPICS)
            for s in r['sentences']:
                if not s['safe']:
                    sc=S[s['id']]
                    p|={TOPICS[j] for j in range(17) if sc[j]>=thr}
            P.append(p)
        f=micro(P,[r['gold'] for r in rs]); best.append((round(f[0],3),thr,round(f[1],2),round(f[2],2)))
    print(part, best)
