# Compares ours.txt with serde.txt (sj built on serde_json::Value) for syntax errors; see README.md.
import collections,sys
d=sys.argv[1] if len(sys.argv)>1 else '/tmp/fz'
ours=dict(l.rstrip('\n').split('\t',1) for l in open(d+'/ours.txt'))
serde=dict(l.rstrip('\n').split('\t',1) for l in open(d+'/serde.txt'))
sem=("invalid type","missing field","unknown variant","duplicate field","invalid value","invalid length","expected struct","data did not match","expected numeric key")
diff=collections.Counter(); same=0; total=0; ex={}
for p,o in ours.items():
    s=serde.get(p)
    if s is None or s=="OK": continue
    if any(k in o for k in sem): continue
    total+=1
    if o==s: same+=1
    else:
        key=(o.split(' at line')[0], s.split(' at line')[0])
        diff[key]+=1; ex.setdefault(key,(p,o,s))
print("syntax-error cases compared:",total,"identical:",same)
for k,c in diff.most_common(12):
    print(c,k, ex[k][0]); print("   ours:",ex[k][1]); print("   serde:",ex[k][2])
