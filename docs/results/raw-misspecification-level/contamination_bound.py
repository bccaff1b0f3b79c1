import numpy as np
from scipy.optimize import minimize
rng=np.random.default_rng(3)
def mixnll(p,y):
    mu,ls=p; s=np.exp(ls)
    a=np.log(0.8)-0.5*((y-mu)/s)**2-ls; b=np.log(0.2)-0.5*((y-mu)/(5*s))**2-ls-np.log(5)
    return -np.logaddexp(a,b).sum()
def stat(y):
    m=y.mean(); s=y.std()
    nn=len(y)*(np.log(s)+0.5)
    r=minimize(mixnll,[np.median(y),np.log(s/2)],args=(y,),method='Nelder-Mead',options={'xatol':1e-4,'fatol':1e-6})
    return nn-r.fun
tot=[]
for n in [5,10,20,40,60,100]:
    null=np.array([stat(rng.normal(size=n)) for _ in range(1000)])
    alt=np.array([stat(np.where(rng.random(n)<0.2,5,1)*rng.normal(size=n)) for _ in range(400)])
    print(n,(alt>np.quantile(null,0.99)).mean(),flush=True)
