import sys, struct, numpy as np
data=open(sys.argv[1],'rb').read()
def varint(b,i):
    r=0;s=0
    while True:
        c=b[i]; i+=1; r|=(c&0x7f)<<s; s+=7
        if c<0x80: return r,i
def fields(b):
    i=0; n=len(b)
    while i<n:
        k,i=varint(b,i); f=k>>3; t=k&7
        if t==0: v,i=varint(b,i); yield f,t,v
        elif t==1: yield f,t,b[i:i+8]; i+=8
        elif t==5: yield f,t,b[i:i+4]; i+=4
        elif t==2:
            l,i=varint(b,i); yield f,t,b[i:i+l]; i+=l
        else: raise Exception(t)
graph=[v for f,t,v in fields(data) if f==7][0]
inits={}; nodes=[]
for f,t,v in fields(graph):
    if f==5:
        dims=[];name=None;raw=None;dt=None;fl=[]
        for f2,t2,v2 in fields(v):
            if f2==1:
                if t2==0: dims.append(v2)
                else:
                    j=0
                    while j<len(v2): d,j=varint(v2,j); dims.append(d)
            elif f2==2: dt=v2
            elif f2==8: name=v2.decode()
            elif f2==9: raw=v2
            elif f2==4: fl.append(v2)
        inits[name]=(dims,dt,raw)
    elif f==1:
        ins=[];outs=[];op=None;nm=None
        for f2,t2,v2 in fields(v):
            if f2==1: ins.append(v2.decode())
            elif f2==2: outs.append(v2.decode())
            elif f2==4: op=v2.decode()
            elif f2==3: nm=v2.decode()
        nodes.append((op,nm,ins,outs))
print(len(inits),'initializers',len(nodes),'nodes')
for k,(d,dt,raw) in list(inits.items())[:200]:
    if raw is not None and len(raw)>1000: print(k,d,dt)
import collections; print(collections.Counter(n[0] for n in nodes).most_common(20))
for n in nodes[:40]: print(n)
