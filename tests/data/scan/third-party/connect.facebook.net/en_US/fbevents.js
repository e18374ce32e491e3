// Test stand-in for the Meta pixel: a first-party cookie and a request to facebook.com/tr.
document.cookie = '_fbp=fb.1.1700000000000.123; path=/; max-age=7776000';
new Image().src = 'https://www.facebook.com/tr?id=123456789&ev=PageView';
