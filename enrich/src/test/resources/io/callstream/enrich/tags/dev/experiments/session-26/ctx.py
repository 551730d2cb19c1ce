import sys; sys.path.insert(0,'/tmp/exp')
exec(open('/tmp/exp/base.py').read().split("tr=[r for r")[0])
tr=[r for r in rows if r['part']=='train']; va=[r for r in rows if r['part']=='validation']
Ws=train(tr)
for thr in [0.7,0.8]:
    P=predict(va,Ws,thr); G=[r['gold'] for r in va]
    print(thr,'base',micro(P,G))
    for lo in [0.5,0.6]:
        Plo=predict(va,Ws,lo)
        Q=[set(p) for p in P]
        for i in range(1,len(va)):
            if va[i]['role']=='EXECUTIVE' and va[i-1]['role']=='ANALYST' and va[i]['call']==va[i-1]['call']:
                Q[i]|=P[i-1]&Plo[i]   # question topic confirmed weakly by the answer
        print(thr,lo,'ctx-confirmed',micro(Q,G))
        Q2=[set(p) for p in P]
        for i in range(1,len(va)):
            if va[i]['role']=='EXECUTIVE' and va[i-1]['role']=='ANALYST' and va[i]['call']==va[i-1]['call']:
                Q2[i]|=P[i-1]
        print(thr,'ctx-inherit',micro(Q2,G))
    # oracle: inherit gold of question
    Q3=[set(p) for p in P]
    for i in range(1,len(va)):
        if va[i]['role']=='EXECUTIVE' and va[i-1]['role']=='ANALYST' and va[i]['call']==va[i-1]['call']:
            Q3[i]|=set(va[i-1]['gold'])
    print(thr,'oracle-inherit',micro(Q3,G))
